namespace DemandMobility.Simulator.Demand;

/// <summary>The "school" part of the demand section: schools, pupils, ride-time limits and the billing tariff.</summary>
public sealed record SchoolDemandSettings
{
    /// <summary>The schools (at least one).</summary>
    public IReadOnlyList<SchoolSite> Schools { get; init; } = [];

    /// <summary>Total pupils of all schools; what the schools' own counts leave is split evenly over the schools without one (ignored when every school gives its count).</summary>
    public int Pupils { get; init; } = 100;

    /// <summary>Age groups with share and maximum ride time (default: primary 50 % 30 min, secondary 50 % 45 min).</summary>
    public IReadOnlyList<AgeGroupSettings> AgeGroups { get; init; } =
    [
        new() { Name = "primary", Share = 0.5, MaxRideMinutes = 30 },
        new() { Name = "secondary", Share = 0.5, MaxRideMinutes = 45 },
    ];

    /// <summary>When true, each pupil trip carries its school's id as <see cref="DemandTrip.Group"/>, so vehicles serve one school each.</summary>
    public bool SeparateVehiclesPerSchool { get; init; }

    /// <summary>Pupils must arrive this many minutes before the bell.</summary>
    public int ArrivalMarginMinutes { get; init; } = 5;

    /// <summary>Homes are drawn from residential road nodes at most this far (straight line) from the school.</summary>
    public double CatchmentKm { get; init; } = 12;

    /// <summary>Pupils living closer than this walk and are not generated.</summary>
    public double MinDistanceKm { get; init; } = 1.5;

    /// <summary>
    /// When pupils' trips are requested: "day_start" or its synonym "evening_before" (booked the evening before, so
    /// known when the simulated day begins), or a time "HH:mm".
    /// </summary>
    public string RequestAt { get; init; } = "day_start";

    /// <summary>True when <see cref="RequestAt"/> means the start of the day.</summary>
    internal bool RequestedAtDayStart => RequestAt is "day_start" or "evening_before";

    /// <summary>Share of pupils needing a wheelchair place.</summary>
    public double WheelchairShare { get; init; }

    /// <summary>Tariff for the per-route and per-pupil billing.</summary>
    public SchoolTariff Tariff { get; init; } = new();
}
