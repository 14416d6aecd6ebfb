namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// What a service group name may look like. Groups tie trips to a subset of the fleet (e.g. one school's buses);
/// a restricted alphabet keeps them safe to show in dashboards and logs.
/// </summary>
public static class ServiceGroupRule
{
    /// <summary>The rule, for error messages (prefixed with the field name by the caller).</summary>
    public const string Rule = "must be 1–64 characters of letters, digits, '.', '_' or '-'.";

    /// <summary>The rule as the engine reports it, naming its field.</summary>
    public const string Description = "serviceGroup " + Rule;

    /// <summary>Whether <paramref name="group"/> is a well-formed group name.</summary>
    public static bool IsValid(string group)
    {
        if (group.Length is 0 or > 64) return false;
        foreach (char c in group)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) return false;
        return true;
    }
}
