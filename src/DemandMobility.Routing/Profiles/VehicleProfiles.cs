using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// The built-in profiles.
/// </summary>
/// <remarks>
/// <para><b>Speeds.</b> Edge speed = min(legal limit, vehicle cap 100 km/h, class cap) x realism factor.
/// The legal limit is the way's maxspeed, else German defaults by class: 100 km/h outside settlements
/// (StVO §3: "DE:rural") for trunk/primary/secondary/tertiary/unclassified, 50 km/h for residential
/// streets ("DE:urban"), walking pace for living streets. Urban is approximated by the tags only
/// (no settlement polygons): residential/living_street classes, or maxspeed/maxspeed:type/zone:maxspeed/
/// source:maxspeed = DE:urban. Untagged through-roads inside villages therefore count as rural; in the
/// German OSM data they usually carry maxspeed=50 or maxspeed:type=DE:urban.</para>
/// <para><b>Realism factors</b> (share of the limit actually averaged, incl. curves and junctions), chosen so
/// that rural trips match car-navigation estimates: motorway 0.95, trunk 0.9, primary/secondary 0.85,
/// tertiary 0.8 (class cap 80), unclassified 0.75 (class cap 70: narrow connecting roads), links 0.8,
/// residential 0.7 (50 -> 35 km/h, zone 30 -> 21 km/h), living street and service 1.0 at 7/20 km/h.</para>
/// <para><b>Vehicle cap.</b> 100 km/h: German law limits buses (>8 passenger seats) to 100 km/h on
/// motorways, and a loaded minibus rarely drives faster; "none"/"DE:motorway" therefore mean 100.</para>
/// <para><b>Access.</b> Hierarchy access &lt; vehicle &lt; motor_vehicle &lt; motorcar, the most specific
/// present key wins; then psv (the on-demand minibus is a public service vehicle, so psv=yes opens a
/// road closed to cars and psv=no closes it). Denied: no, private, agricultural, forestry, delivery
/// (a passenger shuttle is no delivery vehicle; remove it from the set for a parcel profile), agricultural;forestry,
/// use_sidepath. Allowed: yes, permissive, designated, destination, customers, psv, bus.
/// Tracks/paths/footways/cycleways/bridleways/pedestrian zones need an explicit vehicle-specific yes
/// (motor_vehicle=yes, psv=yes, ...); steps, construction, proposed, platforms are never drivable.
/// Ferries are skipped (no timetable model); area=yes is skipped.</para>
/// <para><b>Barriers.</b> Nodes tagged barrier=bollard/block/jersey_barrier/chain/cycle_barrier/kissing_gate/stile/
/// turnstile/log/fence/wall/planter cut the road (both sides become dead ends) unless the node's own access tags
/// allow the vehicle; gates, lift gates and cattle grids are passable (they are opened or driven over).</para>
/// <para><b>Turn restrictions.</b> type=restriction and restriction:motorcar (minibus) or restriction:bus (bus);
/// an <c>except</c> tag listing psv/motorcar (minibus) or psv/bus (bus) exempts the vehicle.</para>
/// </remarks>
public static class VehicleProfiles
{
    private static readonly WayHandler[] StandardHandlers =
    [
        WayHandlers.BlockedWays,
        WayHandlers.HighwayClass,
        WayHandlers.Access,
        WayHandlers.Oneway,
        WayHandlers.Maxspeed,
        WayHandlers.Speed,
    ];

    private static Dictionary<string, HighwaySpec> MinibusHighways() => new(StringComparer.Ordinal)
    {
        ["motorway"] = new(RoadClass.Motorway, double.PositiveInfinity, 0.95, ImpliedOneway: true),
        ["motorway_link"] = new(RoadClass.Motorway, 80, 0.8, ImpliedOneway: true),
        ["trunk"] = new(RoadClass.Trunk, 100, 0.9),
        ["trunk_link"] = new(RoadClass.Trunk, 80, 0.8),
        ["primary"] = new(RoadClass.Primary, 100, 0.85),
        ["primary_link"] = new(RoadClass.Primary, 60, 0.8),
        ["secondary"] = new(RoadClass.Secondary, 100, 0.85),
        ["secondary_link"] = new(RoadClass.Secondary, 60, 0.8),
        ["tertiary"] = new(RoadClass.Tertiary, 100, 0.8, ClassCapKmh: 80),
        ["tertiary_link"] = new(RoadClass.Tertiary, 50, 0.8),
        ["unclassified"] = new(RoadClass.Unclassified, 100, 0.75, ClassCapKmh: 70),
        ["road"] = new(RoadClass.Unclassified, 50, 0.7),
        ["residential"] = new(RoadClass.Residential, 50, 0.7),
        ["living_street"] = new(RoadClass.LivingStreet, MaxspeedParser.WalkKmh, 1.0),
        ["service"] = new(RoadClass.Service, 20, 1.0, ClassCapKmh: 30),
        ["track"] = new(RoadClass.Other, 30, 0.6, ClassCapKmh: 30, NeedsExplicitAccess: true),
        ["path"] = new(RoadClass.Other, 20, 0.6, ClassCapKmh: 20, NeedsExplicitAccess: true),
        ["footway"] = new(RoadClass.Other, 20, 0.6, ClassCapKmh: 20, NeedsExplicitAccess: true),
        ["cycleway"] = new(RoadClass.Other, 20, 0.6, ClassCapKmh: 20, NeedsExplicitAccess: true),
        ["bridleway"] = new(RoadClass.Other, 20, 0.6, ClassCapKmh: 20, NeedsExplicitAccess: true),
        ["pedestrian"] = new(RoadClass.Other, 10, 1.0, ClassCapKmh: 10, NeedsExplicitAccess: true),
        ["busway"] = new(RoadClass.Other, 50, 0.8, NeedsExplicitAccess: true),
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
        { "yes", "permissive", "designated", "destination", "customers", "psv", "bus" };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal)
        { "no", "private", "agricultural", "forestry", "agricultural;forestry", "delivery", "use_sidepath" };

    /// <summary>The default profile: an on-demand minibus (Sprinter class, public service vehicle).</summary>
    public static VehicleProfile Minibus { get; } = new()
    {
        Name = "minibus",
        MaxSpeedKmh = 100,
        Highways = MinibusHighways(),
        AccessKeys = ["access", "vehicle", "motor_vehicle", "motorcar"],
        ServiceAccessKeys = ["psv"],
        AllowedAccessValues = Allowed,
        DeniedAccessValues = Denied,
        OnewayExceptionKeys = ["oneway:psv"],
        RestrictionTypes = ["restriction", "restriction:motorcar"],
        RestrictionExceptions = new HashSet<string>(StringComparer.Ordinal) { "psv", "motorcar" },
        BlockingBarriers = new HashSet<string>(StringComparer.Ordinal)
            { "bollard", "block", "jersey_barrier", "chain", "cycle_barrier", "kissing_gate", "stile", "turnstile", "log", "fence", "wall", "planter" },
        Handlers = StandardHandlers,
    };

    /// <summary>
    /// A full-size bus: as <see cref="Minibus"/>, but ignores motorcar tags, honours bus/psv tags
    /// (bus lanes and <c>highway=busway</c> with bus=designated/yes) and restriction:bus.
    /// </summary>
    public static VehicleProfile Bus { get; } = Minibus with
    {
        Name = "bus",
        AccessKeys = ["access", "vehicle", "motor_vehicle"],
        ServiceAccessKeys = ["psv", "bus"],
        OnewayExceptionKeys = ["oneway:psv", "oneway:bus"],
        RestrictionTypes = ["restriction", "restriction:bus"],
        RestrictionExceptions = new HashSet<string>(StringComparer.Ordinal) { "psv", "bus" },
    };
}
