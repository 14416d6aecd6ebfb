using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// The built-in profiles: <see cref="Van"/> (the on-demand minibus of up to 8 passenger seats and 3.5 t, legally
/// a car/van) and <see cref="Bus"/> (a Kraftomnibus). Every speed and its source is listed in <c>docs/routing.md</c>.
/// </summary>
/// <remarks>
/// <para><b>Speeds.</b> A tagged way drives at min(maxspeed, vehicle maximum) x the class limit factor (0.8, trunk
/// 0.85, motorway 0.9, living street 1.0): OSRM's car profile uses 0.8, Valhalla 1.0. An untagged way drives at
/// min(class speed, legal default x limit factor); the legal default is 50 km/h inside built-up areas (StVO
/// §3(3) 1, detected by the <see cref="Extract.BuiltUpAreas"/> stage), outside 100 km/h for the van and 80 km/h
/// for the bus (StVO §3(3) 2), and on motorways no limit for the van and 80 km/h for the bus. The class speeds
/// lie between OSRM's car profile (the conservative end) and Valhalla's rural defaults (the optimistic end).
/// Junction, turn and signal costs are added by the turn-aware graph (<see cref="Graph.TurnCosts"/>).</para>
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
/// <para><b>Turn restrictions.</b> type=restriction and restriction:motorcar (van) or restriction:bus (bus);
/// an <c>except</c> tag listing psv/motorcar (van) or psv/bus (bus) exempts the vehicle.</para>
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

    // Class speeds (km/h, untagged, before legal limits). OSRM car.lua / Valhalla rural default in the comments.
    private static Dictionary<string, HighwaySpec> StandardHighways() => new(StringComparer.Ordinal)
    {
        ["motorway"] = new(RoadClass.Motorway, 100, 0.9, ImpliedOneway: true, Motorway: true),   // 90 / -
        ["motorway_link"] = new(RoadClass.Motorway, 45, 0.9, ImpliedOneway: true, Motorway: true), // 45 / -
        ["trunk"] = new(RoadClass.Trunk, 85, 0.85),                                              // 85 / -
        ["trunk_link"] = new(RoadClass.Trunk, 42, 0.85),                                         // 40 / -
        ["primary"] = new(RoadClass.Primary, 66),                                                // 65 / -
        ["primary_link"] = new(RoadClass.Primary, 32),                                           // 30 / -
        ["secondary"] = new(RoadClass.Secondary, 56),                                            // 55 / -
        ["secondary_link"] = new(RoadClass.Secondary, 27),                                       // 25 / -
        ["tertiary"] = new(RoadClass.Tertiary, 42),                                              // 40 / 50
        ["tertiary_link"] = new(RoadClass.Tertiary, 22),                                         // 20 / -
        ["unclassified"] = new(RoadClass.Unclassified, 27),                                      // 25 / 40
        ["road"] = new(RoadClass.Unclassified, 25),                                              // 25 / -
        ["residential"] = new(RoadClass.Residential, 25),                                        // 25 / 35
        ["living_street"] = new(RoadClass.LivingStreet, 10, 1.0),                                // 10 / -
        ["service"] = new(RoadClass.Service, 16),                                                // 15 / 25
        ["track"] = new(RoadClass.Other, 15, NeedsExplicitAccess: true),                         // 5 / -
        ["path"] = new(RoadClass.Other, 10, NeedsExplicitAccess: true),
        ["footway"] = new(RoadClass.Other, 10, NeedsExplicitAccess: true),
        ["cycleway"] = new(RoadClass.Other, 10, NeedsExplicitAccess: true),
        ["bridleway"] = new(RoadClass.Other, 10, NeedsExplicitAccess: true),
        ["pedestrian"] = new(RoadClass.Other, 7, 1.0, NeedsExplicitAccess: true),
        ["busway"] = new(RoadClass.Other, 40, NeedsExplicitAccess: true),
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
        { "yes", "permissive", "designated", "destination", "customers", "psv", "bus" };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal)
        { "no", "private", "agricultural", "forestry", "agricultural;forestry", "delivery", "use_sidepath" };

    /// <summary>
    /// The default profile: the on-demand van (Sprinter class, up to 8 passenger seats and 3.5 t, a public service
    /// vehicle): legally a car, so 100 km/h outside built-up areas and no motorway limit (StVO §3(3) 2c);
    /// <see cref="VehicleProfile.MaxSpeedKmh"/> 120 km/h is the operator's usual speed limiter for passenger vans.
    /// </summary>
    public static VehicleProfile Van { get; } = new()
    {
        Name = "minibus",
        MaxSpeedKmh = 120,
        RuralLimitKmh = 100,
        MotorwayLimitKmh = double.PositiveInfinity,
        Highways = StandardHighways(),
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

    /// <summary>The van under its historical name (graph files and configuration say "minibus").</summary>
    public static VehicleProfile Minibus => Van;

    /// <summary>
    /// A bus (Kraftomnibus, more than 8 passenger seats): as <see cref="Van"/>, but at most 80 km/h outside
    /// built-up areas and on motorways (StVO §3(3) 2b, §18(5) 3; 100 km/h on motorways needs an approval, set
    /// <see cref="VehicleProfile.MaxSpeedKmh"/> and <see cref="VehicleProfile.MotorwayLimitKmh"/> to 100 for such
    /// a vehicle); ignores motorcar tags, honours bus/psv tags (bus lanes and <c>highway=busway</c> with
    /// bus=designated/yes) and restriction:bus.
    /// </summary>
    public static VehicleProfile Bus { get; } = Van with
    {
        Name = "bus",
        MaxSpeedKmh = 80,
        RuralLimitKmh = 80,
        MotorwayLimitKmh = 80,
        AccessKeys = ["access", "vehicle", "motor_vehicle"],
        ServiceAccessKeys = ["psv", "bus"],
        OnewayExceptionKeys = ["oneway:psv", "oneway:bus"],
        RestrictionTypes = ["restriction", "restriction:bus"],
        RestrictionExceptions = new HashSet<string>(StringComparer.Ordinal) { "psv", "bus" },
    };
}
