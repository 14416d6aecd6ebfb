using System.Globalization;

namespace DemandMobility.Simulator.Demand;

/// <summary>Checks a demand section before anything is generated; every problem names its key.</summary>
internal static class DemandSettingsValidator
{
    public static List<string> Validate(DemandSettings s)
    {
        var p = new List<string>();
        if (s.TripsPerDay < 0)
            p.Add("demand.trips_per_day: must be ≥ 0");
        Share(p, "demand.prebooked_share", s.PrebookedShare);
        Share(p, "demand.arrive_by_share", s.ArriveByShare);
        Share(p, "demand.return_share", s.ReturnShare);
        Share(p, "demand.wheelchair_share", s.WheelchairShare);
        Range(p, "demand.prebook_lead_minutes", s.PrebookLeadMinutes);
        Range(p, "demand.return_dwell_minutes", s.ReturnDwellMinutes);
        if (s.TimeProfile is null)
            p.Add("demand.time_profile: must not be null");
        if (s.DestinationWeights is null)
            p.Add("demand.destination_weights: must not be null");
        else
            foreach (var (key, w) in s.DestinationWeights)
                if (!double.IsFinite(w) || w < 0)
                    p.Add($"demand.destination_weights.{key}: must be a number ≥ 0");
        if (!(s.DistanceDecayKm > 0))
            p.Add("demand.distance_decay_km: must be > 0");
        if (!(s.MinTripMetres >= 0))
            p.Add("demand.min_trip_metres: must be ≥ 0");
        Weights(p, "demand.party_size_shares", s.PartySizeShares);
        if (s.Mode == DemandMode.Csv && s.Csv is null)
            p.Add("demand.csv: mode is \"csv\" but the csv section (path, on_error) is missing");
        if (s.School is { } school)
            ValidateSchool(p, school);
        if (s.Parcels is { } parcels)
            ValidateParcels(p, parcels);
        return p;
    }

    private static void ValidateSchool(List<string> p, SchoolDemandSettings s)
    {
        const string k = "demand.school";
        if (s.Schools is not { Count: > 0 })
            p.Add($"{k}.schools: at least one school is needed");
        if (s.Pupils < 0)
            p.Add($"{k}.pupils: must be ≥ 0");
        if (s.AgeGroups is not { Count: > 0 })
            p.Add($"{k}.age_groups: at least one age group is needed");
        else
            for (int i = 0; i < s.AgeGroups.Count; i++)
            {
                var g = s.AgeGroups[i];
                if (string.IsNullOrWhiteSpace(g.Name))
                    p.Add($"{k}.age_groups[{i}].name: missing");
                if (!double.IsFinite(g.Share) || g.Share < 0)
                    p.Add($"{k}.age_groups[{i}].share: must be ≥ 0");
                if (g.MaxRideMinutes < 1)
                    p.Add($"{k}.age_groups[{i}].max_ride_minutes: must be ≥ 1");
            }
        if (s.ArrivalMarginMinutes < 0)
            p.Add($"{k}.arrival_margin_minutes: must be ≥ 0");
        if (!(s.CatchmentKm > 0))
            p.Add($"{k}.catchment_km: must be > 0");
        if (!(s.MinDistanceKm >= 0) || s.MinDistanceKm >= s.CatchmentKm)
            p.Add($"{k}.min_distance_km: must be ≥ 0 and below catchment_km");
        Share(p, $"{k}.wheelchair_share", s.WheelchairShare);
        TimeSpan request = TimeSpan.Zero;
        if (!s.RequestedAtDayStart && !DayTime.TryParse(s.RequestAt, out request))
            p.Add($"{k}.request_at: \"{s.RequestAt}\" is neither \"day_start\", \"evening_before\" nor HH:mm");
        if (s.Tariff is null)
            p.Add($"{k}.tariff: must not be null");
        else if (!(s.Tariff.PerKm >= 0) || !(s.Tariff.PerHour >= 0) || !(s.Tariff.PerTrip >= 0))
            p.Add($"{k}.tariff: per_km, per_hour and per_trip must be ≥ 0");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        int givenPupils = 0, withoutCount = 0;
        for (int i = 0; i < (s.Schools?.Count ?? 0); i++)
        {
            var site = s.Schools![i];
            string key = $"{k}.schools[{i}]";
            if (string.IsNullOrWhiteSpace(site.Id))
                p.Add($"{key}.id: missing");
            else if (!ids.Add(site.Id))
                p.Add($"{key}.id: \"{site.Id}\" is used twice");
            if (site.Lat.HasValue != site.Lon.HasValue)
                p.Add($"{key}: give both lat and lon, or neither (then the school is looked up by name in the OSM extract)");
            else if (site.Lat is null && string.IsNullOrWhiteSpace(site.Name))
                p.Add($"{key}: give lat and lon, or a name to look up among the extract's amenity=school features");
            else if (site.Lat is { } lat && (Math.Abs(lat) > 90 || Math.Abs(site.Lon!.Value) > 180))
                p.Add($"{key}: lat/lon outside −90…90 / −180…180");
            if (!DayTime.TryParse(site.Bell, out var bell))
                p.Add($"{key}.bell: \"{site.Bell}\" is not HH:mm");
            else if (bell - TimeSpan.FromMinutes(s.ArrivalMarginMinutes) <= request)
                p.Add($"{key}.bell: the latest arrival (bell − arrival_margin_minutes) must be after request_at");
            if (site.Pupils is { } n)
            {
                if (n < 0)
                    p.Add($"{key}.pupils: must be ≥ 0");
                givenPupils += Math.Max(0, n);
            }
            else
            {
                withoutCount++;
            }
            if (site.AgeGroups is { Count: > 0 } taught && s.AgeGroups is { Count: > 0 } groups)
            {
                foreach (string name in taught)
                    if (!groups.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
                        p.Add($"{key}.age_groups: \"{name}\" is not one of demand.school.age_groups");
                if (groups.Where(g => taught.Contains(g.Name, StringComparer.OrdinalIgnoreCase)).Sum(g => g.Share) <= 0)
                    p.Add($"{key}.age_groups: the groups taught have no positive share");
            }
            else if (s.AgeGroups is { Count: > 0 } all && all.Sum(g => g.Share) <= 0)
            {
                p.Add($"{k}.age_groups: the shares add up to 0");
            }
        }
        if (withoutCount > 0 && givenPupils > s.Pupils)
            p.Add(string.Create(CultureInfo.InvariantCulture, $"{k}.pupils: {s.Pupils} is less than the schools' own counts ({givenPupils}), leaving none for the schools without a count"));
    }

    private static void ValidateParcels(List<string> p, ParcelDemandSettings s)
    {
        const string k = "demand.parcels";
        if (s.ParcelsPerDay < 0)
            p.Add($"{k}.parcels_per_day: must be ≥ 0");
        if (s.Sizes is not { Count: > 0 })
            p.Add($"{k}.sizes: at least one size is needed");
        else
        {
            for (int i = 0; i < s.Sizes.Count; i++)
            {
                if (s.Sizes[i].Units < 1)
                    p.Add($"{k}.sizes[{i}].units: must be ≥ 1");
                if (!double.IsFinite(s.Sizes[i].Share) || s.Sizes[i].Share < 0)
                    p.Add($"{k}.sizes[{i}].share: must be ≥ 0");
            }
            if (s.Sizes.Sum(x => Math.Max(0, x.Share)) <= 0)
                p.Add($"{k}.sizes: the shares add up to 0");
        }
        Places(p, $"{k}.senders", s.Senders);
        Places(p, $"{k}.pickup_stations", s.PickupStations);
        bool firstOk = DayTime.TryParse(s.FirstSubmission, out var first);
        bool lastOk = DayTime.TryParse(s.LastSubmission, out var last);
        if (!firstOk)
            p.Add($"{k}.first_submission: \"{s.FirstSubmission}\" is not HH:mm");
        if (!lastOk)
            p.Add($"{k}.last_submission: \"{s.LastSubmission}\" is not HH:mm");
        if (firstOk && lastOk && last < first)
            p.Add($"{k}.last_submission: is before first_submission");
        if (s.ReadyAfterMinutes < 0)
            p.Add($"{k}.ready_after_minutes: must be ≥ 0");
        if (s.DeliveryWindowMinutes < 1)
            p.Add($"{k}.delivery_window_minutes: must be ≥ 1");
    }

    private static void Places(List<string> p, string key, IReadOnlyList<NamedPlace>? places)
    {
        if (places is null)
            return;
        for (int i = 0; i < places.Count; i++)
            if (!new Dispatch.Geo.GeoPoint(places[i].Lat, places[i].Lon).IsValid)
                p.Add($"{key}[{i}]: lat/lon outside −90…90 / −180…180");
    }

    private static void Share(List<string> p, string key, double v)
    {
        if (!(v >= 0 && v <= 1))
            p.Add($"{key}: must be between 0 and 1");
    }

    private static void Range(List<string> p, string key, IReadOnlyList<int>? v)
    {
        if (v is not { Count: 2 } || v[0] < 0 || v[1] < v[0])
            p.Add($"{key}: must be [min, max] with 0 ≤ min ≤ max");
    }

    private static void Weights(List<string> p, string key, IReadOnlyList<double>? v)
    {
        if (v is not { Count: > 0 } || v.Any(x => !double.IsFinite(x) || x < 0) || v.Sum() <= 0)
            p.Add($"{key}: needs at least one share, all ≥ 0, with a positive sum");
    }
}
