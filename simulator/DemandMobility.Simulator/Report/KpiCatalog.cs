using System.Globalization;

namespace DemandMobility.Simulator.Report;

/// <summary>How a key figure is written for a planner.</summary>
internal enum KpiUnit
{
    /// <summary>A whole number of things (trips, vehicles).</summary>
    Count,

    /// <summary>A fraction 0–1, shown as a percentage.</summary>
    Share,

    /// <summary>Seconds, shown in minutes.</summary>
    Seconds,

    /// <summary>Kilometres.</summary>
    Km,

    /// <summary>Hours.</summary>
    Hours,

    /// <summary>Euro.</summary>
    Eur,

    /// <summary>Kilograms.</summary>
    Kg,

    /// <summary>A plain number (a ratio such as the detour factor).</summary>
    Ratio,

    /// <summary>0 or 1, shown as yes/no.</summary>
    Flag,
}

/// <summary>A labelled key figure: its kpis.json key, group in the report, label and unit.</summary>
internal sealed record KpiInfo(string Key, string Group, string Label, KpiUnit Unit);

/// <summary>
/// Labels, groups and units of the kpis.json keys, so the report and the console show "Wait p95 24.8 min" under
/// "Waiting and riding" instead of an alphabetical list of raw keys. A key not listed here (a figure added later)
/// still shows, under "Other", with its raw name and a unit guessed from its suffix.
/// </summary>
internal static class KpiCatalog
{
    public const string Outcomes = "Demand and outcomes";
    public const string Quality = "Waiting, riding and punctuality";
    public const string Fleet = "Fleet and efficiency";
    public const string Cost = "Cost and emissions";
    public const string Parcels = "Parcels";
    public const string School = "School run";
    public const string Other = "Other";

    /// <summary>Groups in report order.</summary>
    public static readonly string[] GroupOrder = [Outcomes, Quality, Fleet, Cost, Parcels, School, Other];

    private static readonly KpiInfo[] Known =
    [
        new("requests", Outcomes, "Requests", KpiUnit.Count),
        new("served", Outcomes, "Served", KpiUnit.Count),
        new("served_share", Outcomes, "Served share", KpiUnit.Share),
        new("served_persons", Outcomes, "Persons served (incl. wheelchair places)", KpiUnit.Count),
        new("rejected", Outcomes, "Rejected by the dispatcher", KpiUnit.Count),
        new("rejected_share", Outcomes, "Rejected share", KpiUnit.Share),
        new("declined", Outcomes, "Declined by the rider", KpiUnit.Count),
        new("declined_share", Outcomes, "Declined share", KpiUnit.Share),
        new("cancelled", Outcomes, "Cancelled by the rider", KpiUnit.Count),
        new("cancelled_share", Outcomes, "Cancelled share", KpiUnit.Share),
        new("no_shows", Outcomes, "No-shows", KpiUnit.Count),
        new("no_show_share", Outcomes, "No-show share", KpiUnit.Share),
        new("unfinished", Outcomes, "Unfinished at the end of the run", KpiUnit.Count),
        new("unfinished_share", Outcomes, "Unfinished share", KpiUnit.Share),
        new("disrupted", Outcomes, "Disrupted (breakdown, missed pickup)", KpiUnit.Count),
        new("disrupted_share", Outcomes, "Disrupted share", KpiUnit.Share),

        new("wait_mean_s", Quality, "Wait, mean", KpiUnit.Seconds),
        new("wait_p50_s", Quality, "Wait, median (p50)", KpiUnit.Seconds),
        new("wait_p95_s", Quality, "Wait, p95", KpiUnit.Seconds),
        new("ride_mean_s", Quality, "Ride time, mean", KpiUnit.Seconds),
        new("ride_p50_s", Quality, "Ride time, median (p50)", KpiUnit.Seconds),
        new("ride_p95_s", Quality, "Ride time, p95", KpiUnit.Seconds),
        new("detour_factor_mean", Quality, "Detour factor, mean (ride ÷ direct)", KpiUnit.Ratio),
        new("pickups_in_window_share", Quality, "Pickups inside the promised window", KpiUnit.Share),
        new("pickup_in_window_share", Quality, "Pickups inside the promised window (planned)", KpiUnit.Share),
        new("pickups_outside_window", Quality, "Pickups outside the promised window", KpiUnit.Count),
        new("pickup_lateness_p95_s", Quality, "Pickup lateness after the window, p95", KpiUnit.Seconds),
        new("broken_promises", Quality, "Broken promises", KpiUnit.Count),
        new("rides_over_limit", Quality, "Rides over their ride-time limit", KpiUnit.Count),
        new("incident_affected_riders", Quality, "Trips touched by an incident (breakdown, late or missed pickup)", KpiUnit.Count),
        new("incident_replanned", Quality, "Trips of a broken-down bus re-planned onto another", KpiUnit.Count),
        new("incident_disrupted", Quality, "Trips given up after an incident (disrupted or missed)", KpiUnit.Count),
        new("pickups_missed", Quality, "Pickups given up as missed", KpiUnit.Count),
        new("dispatcher_alerts", Quality, "Dispatcher alerts raised", KpiUnit.Count),
        new("dispatcher_alerts_duty_lost", Quality, "– a duty left service", KpiUnit.Count),
        new("dispatcher_alerts_promise_not_kept", Quality, "– a promise could not be kept", KpiUnit.Count),
        new("dispatcher_alerts_pickup_late", Quality, "– a pickup is late", KpiUnit.Count),
        new("dispatcher_alerts_pickup_missed", Quality, "– a pickup was missed", KpiUnit.Count),

        new("vehicles_needed", Fleet, "Vehicles needed (most shifts at once)", KpiUnit.Count),
        new("vehicle_hours", Fleet, "Vehicle hours on shift", KpiUnit.Hours),
        new("vehicle_km", Fleet, "Vehicle km", KpiUnit.Km),
        new("passenger_km", Fleet, "Passenger km", KpiUnit.Km),
        new("passengers_per_vehicle_hour", Fleet, "Passengers per vehicle hour", KpiUnit.Ratio),
        new("occupancy", Fleet, "Occupancy (passenger km ÷ vehicle km)", KpiUnit.Ratio),
        new("empty_km_share", Fleet, "Empty km share", KpiUnit.Share),
        new("pooling_rate", Fleet, "Pooling rate (ride km shared)", KpiUnit.Share),
        new("capacity_violations", Fleet, "Capacity violations (must be 0)", KpiUnit.Count),

        new("cost_eur", Cost, "Operating cost", KpiUnit.Eur),
        new("cost_per_trip_eur", Cost, "Cost per served trip", KpiUnit.Eur),
        new("cost_per_passenger_km_eur", Cost, "Cost per passenger km", KpiUnit.Eur),
        new("cost_distance_eur", Cost, "of which distance (per km)", KpiUnit.Eur),
        new("cost_time_eur", Cost, "of which time (per vehicle hour)", KpiUnit.Eur),
        new("cost_fixed_eur", Cost, "of which fixed (per vehicle-day)", KpiUnit.Eur),
        new("cost_trip_fees_eur", Cost, "of which fees per pupil trip", KpiUnit.Eur),
        new("co2_kg", Cost, "CO₂", KpiUnit.Kg),

        new("parcels", Parcels, "Parcels", KpiUnit.Count),
        new("parcels_delivered", Parcels, "Parcels delivered", KpiUnit.Count),
        new("parcels_on_time_share", Parcels, "Parcels on time", KpiUnit.Share),
        new("passengers_parcel_stop_time_s", Parcels, "Riders' time at parcel stops, mean", KpiUnit.Seconds),
        new("passengers_added_delay_s", Parcels, "Riders' added delay from parcels, mean", KpiUnit.Seconds),
        new("passengers_added_delay_p95_s", Parcels, "Riders' added delay from parcels, p95", KpiUnit.Seconds),
        new("passengers_added_delay_measured", Parcels, "Added delay measured by a parcel-free run", KpiUnit.Flag),
        new("passengers_affected_share", Parcels, "Riders affected by parcels", KpiUnit.Share),
        new("passengers_better_off_share", Parcels, "Riders better off with parcels", KpiUnit.Share),
        new("passengers_served_share_diff", Parcels, "Riders' served share, with − without parcels", KpiUnit.Share),

        new("pupils", School, "Pupils", KpiUnit.Count),
        new("pupils_served", School, "Pupils delivered", KpiUnit.Count),
        new("school_latest_arrival_margin_s", School, "Smallest margin before the bell", KpiUnit.Seconds),
        new("school_max_ride_s", School, "Longest pupil ride", KpiUnit.Seconds),
        new("school_km_per_pupil", School, "Vehicle km per pupil delivered", KpiUnit.Km),
        new("school_cost_per_pupil", School, "Cost per pupil delivered", KpiUnit.Eur),

        new("dispatcher_call_failures", Other, "Dispatcher calls that failed unexpectedly", KpiUnit.Count),
    ];

    private static readonly Dictionary<string, KpiInfo> ByKey = Known.ToDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>Every key the catalogue describes.</summary>
    public static IReadOnlyCollection<string> KnownKeys => ByKey.Keys;

    /// <summary>The label, group and unit of <paramref name="key"/> (any key: unknown ones go to "Other").</summary>
    public static KpiInfo Describe(string key)
    {
        if (ByKey.TryGetValue(key, out var info)) return info;
        if (key.StartsWith("rejected_by_reason_", StringComparison.Ordinal))
            return new KpiInfo(key, Outcomes, "Rejected: " + key["rejected_by_reason_".Length..].Replace('_', ' '), KpiUnit.Count);
        KpiUnit unit = key.EndsWith("_share", StringComparison.Ordinal) ? KpiUnit.Share
            : key.EndsWith("_s", StringComparison.Ordinal) ? KpiUnit.Seconds
            : key.EndsWith("_eur", StringComparison.Ordinal) ? KpiUnit.Eur
            : key.EndsWith("_km", StringComparison.Ordinal) ? KpiUnit.Km
            : key.EndsWith("_kg", StringComparison.Ordinal) ? KpiUnit.Kg
            : KpiUnit.Ratio;
        return new KpiInfo(key, Other, key, unit);
    }

    /// <summary>Known keys in catalogue order, then unknown ones alphabetically.</summary>
    public static IEnumerable<KpiInfo> Ordered(IEnumerable<string> keys)
    {
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Known.Length; i++) order[Known[i].Key] = i;
        return set.Select(Describe)
            .OrderBy(k => Array.IndexOf(GroupOrder, k.Group))
            .ThenBy(k => order.TryGetValue(k.Key, out int i) ? i : int.MaxValue)
            .ThenBy(k => k.Key, StringComparer.Ordinal);
    }

    /// <summary>The value in its unit for a planner: "91.8 %", "12.8 min", "1,234", "9,257.20 €", "yes".</summary>
    public static string Format(double v, KpiUnit unit)
    {
        if (!double.IsFinite(v)) return "–";
        var c = CultureInfo.InvariantCulture;
        return unit switch
        {
            KpiUnit.Count => Math.Round(v).ToString("#,0", c),
            KpiUnit.Share => (v * 100).ToString("0.0", c) + " %",
            KpiUnit.Seconds => (v / 60).ToString("#,0.0", c) + " min",
            KpiUnit.Km => v.ToString("#,0.0", c) + " km",
            KpiUnit.Hours => v.ToString("#,0.0", c) + " h",
            KpiUnit.Eur => v.ToString("#,0.00", c) + " €",
            KpiUnit.Kg => v.ToString("#,0.0", c) + " kg",
            KpiUnit.Flag => v != 0 ? "yes" : "no",
            _ => Math.Abs(v) >= 100 ? v.ToString("#,0", c) : v.ToString("0.00", c),
        };
    }

    /// <summary>
    /// Candidate minus baseline in the figure's unit: shares as percentage points, seconds in minutes, flags as
    /// "same"/"changed"; "–" when either is missing.
    /// </summary>
    public static string FormatDifference(double candidate, double baseline, KpiUnit unit)
    {
        if (!double.IsFinite(candidate) || !double.IsFinite(baseline)) return "–";
        double d = candidate - baseline;
        if (unit == KpiUnit.Flag) return (candidate != 0) == (baseline != 0) ? "same" : "changed";
        if (unit == KpiUnit.Share)
            return Sign(d * 100) + Math.Abs(d * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp";
        return Sign(d) + Format(Math.Abs(d), unit);
    }

    /// <summary>Relative change of candidate against baseline, one decimal; "–" for flags, shares or a zero baseline.</summary>
    public static string FormatChange(double candidate, double baseline, KpiUnit unit)
    {
        if (unit is KpiUnit.Flag or KpiUnit.Share || !double.IsFinite(candidate) || !double.IsFinite(baseline) || baseline == 0) return "–";
        double pct = (candidate - baseline) / Math.Abs(baseline) * 100;
        return Sign(pct) + Math.Abs(pct).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }

    private static string Sign(double d) => d > 1e-12 ? "+" : d < -1e-12 ? "−" : "±";
}
