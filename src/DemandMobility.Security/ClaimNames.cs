namespace DemandMobility.Security;

/// <summary>JWT claim names used by DemandMobility tokens (short, unmapped names as they appear in the JSON).</summary>
public static class ClaimNames
{
    /// <summary>Rider, driver, shop or staff id (RFC 7519 <c>sub</c>).</summary>
    public const string Subject = "sub";

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    public const string Role = "role";

    /// <summary>The driver's vehicle id; required for role <see cref="Roles.Driver"/>, absent otherwise.</summary>
    public const string Vehicle = "vehicle";
}
