using DemandMobility.Routing.Graph;

namespace DemandMobility.Simulator.Reality;

/// <summary>Checks the scenario's <c>reality</c> section; one message per bad key, naming it.</summary>
public static class RealityValidator
{
    /// <summary>Adds one message per invalid setting to <paramref name="errors"/>.</summary>
    public static void Validate(RealitySettings? r, List<string> errors)
    {
        if (r is null) return;
        if (!(r.NoiseCv is >= 0 and <= 1)) errors.Add("reality.noise_cv: must be 0–1");
        foreach (var (name, factor) in r.SpeedFactorByRoadClass)
        {
            if (!RoadClassNames.TryParse(name, out _))
                errors.Add($"reality.speed_factor_by_road_class.{name}: unknown road class (one of {string.Join(", ", RoadClassNames.All)})");
            else if (!(factor is >= 0.1 and <= 10)) errors.Add($"reality.speed_factor_by_road_class.{name}: must be 0.1–10");
        }
        if (r.Dwell is { } d)
        {
            Check(d.PerBookingS, "per_booking_s");
            Check(d.BoardingPerPassengerS, "boarding_per_passenger_s");
            Check(d.AlightingPerPassengerS, "alighting_per_passenger_s");
            Check(d.WheelchairBoardingS, "wheelchair_boarding_s");
            Check(d.WheelchairAlightingS, "wheelchair_alighting_s");
            Check(d.ParcelS, "parcel_s");
        }

        void Check(double v, string key)
        {
            if (!(v is >= 0 and <= 3600)) errors.Add($"reality.dwell.{key}: must be 0–3600 seconds");
        }
    }
}

/// <summary>Snake_case names of <see cref="RoadClass"/> as scenario files write them.</summary>
public static class RoadClassNames
{
    /// <summary>Every name, in class order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<RoadClass>().Select(Name).ToArray();

    /// <summary>The snake_case name of a class (<c>LivingStreet</c> → <c>living_street</c>).</summary>
    public static string Name(RoadClass c) => c switch
    {
        RoadClass.LivingStreet => "living_street",
        _ => c.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a snake_case class name.</summary>
    public static bool TryParse(string name, out RoadClass roadClass)
    {
        foreach (var c in Enum.GetValues<RoadClass>())
            if (string.Equals(Name(c), name, StringComparison.Ordinal)) { roadClass = c; return true; }
        roadClass = default;
        return false;
    }
}
