using System.Text.RegularExpressions;

namespace DemandMobility.Server.Configuration;

/// <summary>Shared syntax of ids that appear in configuration, tokens and API messages.</summary>
public static partial class IdentifierRules
{
    /// <summary>True for 1..64 chars of [A-Za-z0-9._-].</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
