namespace DemandMobility.Transit.Planning;

/// <summary>Rules of intermodal planning.</summary>
public sealed record JourneyPlannerOptions
{
    /// <summary>Longest walk to or from a stop (straight line).</summary>
    public double MaxWalkMetres { get; init; } = 1000;

    /// <summary>Walking speed, metres per second.</summary>
    public double WalkingSpeed { get; init; } = 1.25;

    /// <summary>Walked distance over straight-line distance.</summary>
    public double WalkDetourFactor { get; init; } = 1.3;

    /// <summary>Farthest stop (straight line) an on-demand feeder or distributor leg is considered to.</summary>
    public double MaxOnDemandMetres { get; init; } = 15_000;

    /// <summary>How many stops are tried as on-demand transfer points at each end (nearest by driving time).</summary>
    public int OnDemandStopCandidates { get; init; } = 4;

    /// <summary>
    /// Transfer buffer between the on-demand bus and a train when transfers.txt gives no minimum transfer time at
    /// the stop: the feeder must drop off this long before departure; the pickup starts this long after arrival.
    /// </summary>
    public TimeSpan DefaultTransferBuffer { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Allowance added to the on-demand driving time when choosing stops (waiting within the pickup window, detours).</summary>
    public TimeSpan OnDemandAllowance { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many later trains are tried when the on-demand quote for a connection is rejected.</summary>
    public int MaxConnectionAttempts { get; init; } = 3;

    /// <summary>How far before an arrive-by time departures are searched.</summary>
    public TimeSpan ArriveByWindow { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Walk-only itineraries are offered up to this straight-line distance.</summary>
    public double WalkOnlyMetres { get; init; } = 2000;

    /// <summary>Walking seconds for a straight-line distance.</summary>
    public int WalkSeconds(double metres) => (int)Math.Ceiling(metres * WalkDetourFactor / WalkingSpeed);
}
