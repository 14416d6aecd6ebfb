using System.Collections.Immutable;

namespace DemandMobility.Simulator.Reality;

/// <summary>
/// How the simulated world differs from the dispatcher's plan (scenario key <c>reality</c>): the true driving time of a
/// leg is the router's time × a per-leg random factor ÷ the true speed factor of each road class driven, and the true
/// dwell at a stop depends on who gets on and off. <see cref="Exact"/> drives every plan exactly as planned.
/// </summary>
public sealed record RealitySettings
{
    /// <summary>Nothing random, no bias, dwell as planned: the plan is driven as planned (tests of the engine's own promises).</summary>
    public static RealitySettings Exact { get; } = new() { NoiseCv = 0, Dwell = null };

    /// <summary>
    /// Coefficient of variation of the per-leg travel-time factor (a lognormal with mean 1); 0 turns noise off.
    /// The default 10 % is the within-day spread of rural off-peak link times reported for probe data.
    /// </summary>
    public double NoiseCv { get; init; } = 0.10;

    /// <summary>
    /// True speed ÷ profile speed per road class name (<c>motorway</c> … <c>other</c>, as in <c>RoadClass</c>, snake_case);
    /// e.g. <c>{"tertiary": 0.8}</c>: tertiary roads are really driven 20 % slower than the router assumes. Missing = 1.
    /// </summary>
    public ImmutableDictionary<string, double> SpeedFactorByRoadClass { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>Real dwell times at stops; null = exactly the dispatcher's planned boarding/alighting times.</summary>
    public DwellSettings? Dwell { get; init; } = new();

    /// <summary>Seed of the reality's own random stream; null derives it from the scenario seed.</summary>
    public int? Seed { get; init; }
}

/// <summary>
/// Real dwell per booking served at a stop: a fixed part (door, greeting, finding a seat) plus a time per person; a
/// wheelchair user instead needs the ramp and securing. Defaults after the Transit Capacity and Quality of Service
/// Manual, 3rd ed. (TCRP Report 165, 2013, ch. 6, "passenger service times"): 2–4 s per boarding passenger with no
/// fare collection (4 s: a minibus with a step, many elderly riders), 1.5–3 s per alighting passenger, and 60–200 s
/// per wheelchair boarding by lift or ramp.
/// </summary>
public sealed record DwellSettings
{
    /// <summary>Fixed seconds per booking served (doors, greeting).</summary>
    public double PerBookingS { get; init; } = 10;

    /// <summary>Seconds per boarding passenger (seated).</summary>
    public double BoardingPerPassengerS { get; init; } = 4;

    /// <summary>Seconds per alighting passenger (seated).</summary>
    public double AlightingPerPassengerS { get; init; } = 3;

    /// <summary>Seconds per wheelchair boarding (ramp out, roll in, securing).</summary>
    public double WheelchairBoardingS { get; init; } = 120;

    /// <summary>Seconds per wheelchair alighting.</summary>
    public double WheelchairAlightingS { get; init; } = 90;

    /// <summary>Seconds to hand over or load one parcel booking.</summary>
    public double ParcelS { get; init; } = 45;
}
