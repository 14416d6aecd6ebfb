using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// A vehicle profile as data plus small ordered handler steps (the OSRM/Itinero design): tables say which
/// highway classes exist and how fast they are, which access keys and values apply; <see cref="Handlers"/>
/// turn a way's tags into a <see cref="WayProfileResult"/>. Applied only at extract time. A new profile is
/// usually an existing one with a few table entries changed (<c>with { ... }</c>); see <see cref="VehicleProfiles"/>.
/// </summary>
public sealed record VehicleProfile
{
    /// <summary>Profile name, e.g. "minibus".</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Highest speed the vehicle may or can drive anywhere, in km/h (caps every limit, tagged or not; e.g. 80 for
    /// a bus, StVO §3(3) 2b and §18(5) 3).
    /// </summary>
    public required double MaxSpeedKmh { get; init; }

    /// <summary>Legal limit outside built-up areas when the way has no maxspeed (StVO §3(3) 2).</summary>
    public required double RuralLimitKmh { get; init; }

    /// <summary>Legal limit inside built-up areas when the way has no maxspeed (StVO §3(3) 1: 50 km/h for all vehicles).</summary>
    public double UrbanLimitKmh { get; init; } = 50;

    /// <summary>Legal limit on motorways when untagged (+inf for cars and vans: only the advisory speed applies).</summary>
    public required double MotorwayLimitKmh { get; init; }

    /// <summary>Drivable (or conditionally drivable) <c>highway=*</c> values; anything else is not drivable.</summary>
    public required IReadOnlyDictionary<string, HighwaySpec> Highways { get; init; }

    /// <summary>Access keys from least to most specific (OSM access hierarchy); the last present one wins.</summary>
    public required IReadOnlyList<string> AccessKeys { get; init; }

    /// <summary>Keys for the vehicle's service category (psv, bus), applied after <see cref="AccessKeys"/>.</summary>
    public required IReadOnlyList<string> ServiceAccessKeys { get; init; }

    /// <summary>Access values that allow the vehicle.</summary>
    public required IReadOnlySet<string> AllowedAccessValues { get; init; }

    /// <summary>Access values that forbid the vehicle.</summary>
    public required IReadOnlySet<string> DeniedAccessValues { get; init; }

    /// <summary>Keys whose value "no" lifts a oneway for this vehicle (e.g. <c>oneway:psv</c>).</summary>
    public required IReadOnlyList<string> OnewayExceptionKeys { get; init; }

    /// <summary>Relation <c>type</c> values read as turn restrictions (e.g. "restriction", "restriction:motorcar").</summary>
    public required IReadOnlyList<string> RestrictionTypes { get; init; }

    /// <summary>Vehicle categories in a restriction's <c>except</c> tag that exempt this vehicle (e.g. "psv").</summary>
    public required IReadOnlySet<string> RestrictionExceptions { get; init; }

    /// <summary>
    /// <c>barrier=*</c> values that block the vehicle at a node unless an access tag on the node allows it
    /// (e.g. bollard, block, chain). Gates and lift gates are passable by default (they are opened).
    /// </summary>
    public required IReadOnlySet<string> BlockingBarriers { get; init; }

    /// <summary>The ordered way-processing steps.</summary>
    public required IReadOnlyList<WayHandler> Handlers { get; init; }

    /// <summary>True when a node with these tags (a barrier) cannot be passed by the vehicle.</summary>
    public bool IsBlockingBarrier(OsmTags nodeTags)
    {
        string? barrier = nodeTags["barrier"];
        if (barrier is null || !BlockingBarriers.Contains(barrier))
            return false;
        bool? allowed = null;
        foreach (string key in AccessKeys)
            Decide(key);
        foreach (string key in ServiceAccessKeys)
            Decide(key);
        return allowed != true;

        void Decide(string key)
        {
            string? value = nodeTags[key];
            if (value is null) return;
            if (AllowedAccessValues.Contains(value)) allowed = true;
            else if (DeniedAccessValues.Contains(value)) allowed = false;
        }
    }

    /// <summary>Runs the handler steps on one way's tags.</summary>
    public WayProfileResult ProcessWay(OsmTags tags)
    {
        var context = new WayContext(tags, this);
        foreach (var handler in Handlers)
        {
            handler(context);
            if (context.Blocked)
                return WayProfileResult.NotRoutable;
        }
        if (!context.Forward && !context.Backward)
            return WayProfileResult.NotRoutable;
        return new WayProfileResult(
            context.Forward,
            context.Backward,
            context.Forward ? context.ForwardKmh : 0,
            context.Backward ? context.BackwardKmh : 0,
            context.Highway!.Class,
            context.Forward ? context.UrbanForwardKmh : 0,
            context.Backward ? context.UrbanBackwardKmh : 0);
    }
}
