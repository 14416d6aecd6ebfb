namespace DemandMobility.Optimization.Validation;

/// <summary>One broken rule, located as precisely as the rule allows.</summary>
/// <param name="Constraint">The rule.</param>
/// <param name="Route">Index into <see cref="Model.Solution.Routes"/>, or -1 when the violation is not tied to a route.</param>
/// <param name="Vehicle">Vehicle index, or -1.</param>
/// <param name="Stop">Position in the route's stop list, or -1 (e.g. for the route's start or end).</param>
/// <param name="Request">Request index, or -1.</param>
/// <param name="Message">Human-readable description with the offending values.</param>
public sealed record Violation(ConstraintKind Constraint, int Route, int Vehicle, int Stop, int Request, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Constraint} (route {Route}, vehicle {Vehicle}, stop {Stop}, request {Request}): {Message}";
}
