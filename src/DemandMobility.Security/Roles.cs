namespace DemandMobility.Security;

/// <summary>The role names carried in the token's <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>A passenger booking trips for themselves (subject = rider id).</summary>
    public const string Rider = "rider";

    /// <summary>A driver (subject = driver id, <c>vehicle</c> claim = the vehicle they drive).</summary>
    public const string Driver = "driver";

    /// <summary>The control room: may act on everything.</summary>
    public const string Dispatcher = "dispatcher";

    /// <summary>A planner: reads KPIs and the fleet view; changes nothing.</summary>
    public const string Planner = "planner";

    /// <summary>A shop or producer submitting KombiBUS parcels (subject = shop id).</summary>
    public const string Shop = "shop";

    /// <summary>Every role a token may carry.</summary>
    public static IReadOnlyList<string> All { get; } = [Rider, Driver, Dispatcher, Planner, Shop];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is Rider or Driver or Dispatcher or Planner or Shop;
}
