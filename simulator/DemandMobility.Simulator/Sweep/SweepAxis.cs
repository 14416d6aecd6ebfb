using System.Collections.Immutable;

namespace DemandMobility.Simulator.Sweep;

/// <summary>One value of a swept parameter: as written (<c>06:00-20:00</c>, <c>12</c>) and as a number for charts (hours of service, minutes, vehicles).</summary>
public sealed record SweepValue(string Text, double Number);

/// <summary>One swept parameter (<see cref="SweepGrammar.Parameters"/>) and its values in the order given.</summary>
public sealed record SweepAxis(string Name, ImmutableArray<SweepValue> Values)
{
    /// <summary>What the parameter is, with its unit, for axis titles.</summary>
    public string Description => SweepGrammar.Parameters[Name];
}
