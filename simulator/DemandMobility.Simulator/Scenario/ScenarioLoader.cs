using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Scenario;

/// <summary>
/// Reads and validates scenario files. Every problem is reported at once in one <see cref="ScenarioException"/>
/// naming the file and the key (<c>fleet[0].count: must be ≥ 1</c>), or the line and byte of a JSON syntax error.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>JSON settings of scenario files: snake_case keys, unknown keys refused (typos would silently change a run).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The default service area: the north-bayreuth box (11.48–11.61 E, 49.97–50.05 N).</summary>
    public static ServiceArea DefaultArea => BoxArea(11.48, 49.97, 11.61, 50.05);

    /// <summary>Reads, validates and resolves a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable or invalid (names the key).</exception>
    public static LoadedScenario Load(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException($"Scenario file '{path}' not found.");
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new ScenarioException($"Scenario file '{path}' cannot be read: {e.Message}", e); }
        var full = Path.GetFullPath(path);
        return Parse(text, full, Path.GetDirectoryName(full)!);
    }

    /// <summary>Validates and resolves scenario JSON; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ScenarioException">Invalid JSON or values (names the key).</exception>
    public static LoadedScenario Parse(string json, string source, string baseDirectory)
    {
        ScenarioSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<ScenarioSettings>(json, Json);
        }
        catch (JsonException e) when (e.Path is { Length: > 1 } && e.InnerException is not JsonException)
        {
            // A value or key the settings do not take: name the key, its line and what is expected.
            throw new ScenarioException($"{source}: {JsonErrorText.Describe(e, typeof(ScenarioSettings), Json, json)}", e);
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 1 } p ? $" at {p.TrimStart('$', '.')}" : "";
            throw new ScenarioException(
                $"{source}: invalid scenario JSON{where} (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}", e);
        }
        if (settings is null) throw new ScenarioException($"{source}: the scenario is empty (null).");
        return Resolve(settings, source, baseDirectory, json);
    }

    /// <summary>Validates settings built in code (tests, benchmarks).</summary>
    /// <exception cref="ScenarioException">Invalid values (names the key).</exception>
    public static LoadedScenario Resolve(ScenarioSettings s, string source, string baseDirectory) => Resolve(s, source, baseDirectory, null);

    private static LoadedScenario Resolve(ScenarioSettings s, string source, string baseDirectory, string? fileText)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(s.Name)) errors.Add("name: must not be empty");

        string? pbf = string.IsNullOrWhiteSpace(s.RegionPbf) ? null : RepositoryPaths.Resolve(s.RegionPbf, baseDirectory);
        if (pbf is null) errors.Add($"region_pbf: file '{s.RegionPbf}' not found (looked beside the scenario and under the repository root)");

        TimeZoneInfo? zone = null;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { errors.Add($"time_zone: unknown time zone '{s.TimeZone}'"); }
        bool dateOk = DateOnly.TryParseExact(s.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (!dateOk) errors.Add($"date: '{s.Date}' is not a date yyyy-MM-dd");

        DateTimeOffset At(string value, string key)
        {
            if (!TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                errors.Add($"{key}: '{value}' is not a time HH:mm");
                return default;
            }
            if (zone is null || !dateOk) return default;
            var local = date.ToDateTime(t);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var dayStart = At(s.DayStart, "day_start");
        var dayEnd = At(s.DayEnd, "day_end");
        if (dayEnd <= dayStart && errors.Count == 0) errors.Add("day_end: must be after day_start");
        if (s.PositionReportSeconds is < 5 or > 3600) errors.Add("position_report_seconds: must be 5–3600");
        if (s.FleetSampleMinutes is < 1 or > 240) errors.Add("fleet_sample_minutes: must be 1–240");
        if (!(s.Co2GramsPerKm >= 0)) errors.Add("co2_grams_per_km: must be ≥ 0");
        if (!(s.Costs.PerVehicleKmEur >= 0)) errors.Add("costs.per_vehicle_km_eur: must be ≥ 0");
        if (!(s.Costs.PerVehicleHourEur >= 0)) errors.Add("costs.per_vehicle_hour_eur: must be ≥ 0");
        if (!(s.Costs.PerVehicleDayEur >= 0)) errors.Add("costs.per_vehicle_day_eur: must be ≥ 0");
        ValidateRiders(s.Riders, errors);
        Reality.RealityValidator.Validate(s.Reality, errors);
        if (!(s.Reoptimisation.IntervalMin >= 0)) errors.Add("reoptimisation.interval_min: must be ≥ 0");
        if (s.Reoptimisation.Iterations < 1) errors.Add("reoptimisation.iterations: must be ≥ 1");

        var area = DefaultArea;
        if (s.ServiceArea is { } a) area = ReadArea(a, errors) ?? area;

        var vehicles = ImmutableArray.CreateBuilder<VehicleRegistration>();
        if (s.Fleet.IsDefaultOrEmpty) errors.Add("fleet: must list at least one vehicle entry");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (s.Fleet.IsDefault ? 0 : s.Fleet.Length); i++)
        {
            var f = s.Fleet[i];
            string key = $"fleet[{i}]";
            if (f.Count < 1) errors.Add($"{key}.count: must be ≥ 1");
            if (f.Seats < 0 || f.WheelchairPlaces < 0 || f.ParcelUnits < 0) errors.Add($"{key}: seats, wheelchair_places and parcel_units must be ≥ 0");
            else if (f.Seats + f.WheelchairPlaces + f.ParcelUnits == 0) errors.Add($"{key}: needs seats, wheelchair_places or parcel_units");
            if (f.Depot is null) errors.Add($"{key}.depot: required ({{\"lat\": …, \"lon\": …}})");
            else if (!new GeoPoint(f.Depot.Lat, f.Depot.Lon).IsValid) errors.Add($"{key}.depot: not a valid coordinate");
            if (f.Group is { } g && !ServiceGroupRule.IsValid(g)) errors.Add($"{key}.group: {ServiceGroupRule.Description}");
            if (f.Id is not null && f.Count != 1) errors.Add($"{key}.id: only for count 1 (use id_prefix)");
            var start = At(f.ShiftStart, key + ".shift_start");
            var end = At(f.ShiftEnd, key + ".shift_end");
            if (end <= start && errors.Count == 0) errors.Add($"{key}.shift_end: must be after shift_start");
            if (errors.Count > 0) continue;
            for (int n = 1; n <= f.Count; n++)
            {
                string id = f.Id ?? $"{f.IdPrefix}-{n}";
                if (!ids.Add(id)) { errors.Add($"{key}: vehicle id '{id}' used twice"); continue; }
                vehicles.Add(new VehicleRegistration(id, new LoadVector(f.Seats, f.WheelchairPlaces, f.ParcelUnits),
                    new GeoPoint(f.Depot!.Lat, f.Depot.Lon), start, end, f.Group));
            }
        }

        var options = ApplyOverrides(new DispatchOptions { ServiceArea = area }, s.Dispatch, errors);
        var demand = ReadDemand(s.Demand, errors, fileText);
        var incidents = IncidentValidator.Validate(s.Incidents, ids, At, errors, fileText);
        string? railFeed = null;
        if (s.RailFeeders is { } rail)
        {
            rail.Validate(errors);
            railFeed = string.IsNullOrWhiteSpace(rail.Feed) ? null : RepositoryPaths.ResolveFileOrFolder(rail.Feed, baseDirectory);
            if (railFeed is null && !string.IsNullOrWhiteSpace(rail.Feed)) errors.Add($"rail_feeders.feed: '{rail.Feed}' not found (looked beside the scenario and under the repository root)");
        }
        if (errors.Count > 0) throw new ScenarioException($"{source}: " + string.Join("; ", errors));
        return new LoadedScenario(s, source, baseDirectory, pbf!, dayStart, dayEnd, vehicles.ToImmutable(), area, options, demand) { Incidents = incidents, RailFeed = railFeed };
    }

    private static DemandSettings ReadDemand(JsonElement? section, List<string> errors, string? fileText)
    {
        if (section is not { } json || json.ValueKind == JsonValueKind.Null) return new DemandSettings();
        try
        {
            return json.Deserialize<DemandSettings>(DemandSettings.JsonOptions) ?? new DemandSettings();
        }
        catch (JsonException e)
        {
            errors.Add(JsonErrorText.Describe(e, typeof(DemandSettings), DemandSettings.JsonOptions, fileText, "demand"));
            return new DemandSettings();
        }
    }

    private static void ValidateRiders(RiderBehaviourSettings r, List<string> errors)
    {
        if (!(r.AcceptableWaitMin >= 0)) errors.Add("riders.acceptable_wait_min: must be ≥ 0");
        if (r.MaxAlternatives < 0) errors.Add("riders.max_alternatives: must be ≥ 0");
        if (!(r.CancelProbability is >= 0 and <= 1)) errors.Add("riders.cancel_probability: must be 0–1");
        if (!(r.NoShowProbability is >= 0 and <= 1)) errors.Add("riders.no_show_probability: must be 0–1");
        if (!(r.CancelLeadMin >= 0)) errors.Add("riders.cancel_lead_min: must be ≥ 0");
        if (!(r.NoShowWaitS >= 0)) errors.Add("riders.no_show_wait_s: must be ≥ 0");
    }

    private static ServiceArea? ReadArea(ServiceAreaSettings a, List<string> errors)
    {
        if (a.Bbox is { } b)
        {
            if (b.Length != 4 || !(b[0] < b[2]) || !(b[1] < b[3]) || !new GeoPoint(b[1], b[0]).IsValid || !new GeoPoint(b[3], b[2]).IsValid)
            {
                errors.Add("service_area.bbox: must be [min_lon, min_lat, max_lon, max_lat] with min < max");
                return null;
            }
            return BoxArea(b[0], b[1], b[2], b[3]);
        }
        if (a.Polygon is { } ring)
        {
            var points = new List<GeoPoint>();
            for (int i = 0; i < ring.Length; i++)
            {
                if (ring[i].Length != 2 || !new GeoPoint(ring[i][1], ring[i][0]).IsValid)
                {
                    errors.Add($"service_area.polygon[{i}]: must be a [lon, lat] pair");
                    return null;
                }
                points.Add(new GeoPoint(ring[i][1], ring[i][0]));
            }
            if (points.Count < 3) { errors.Add("service_area.polygon: needs at least 3 points"); return null; }
            return new ServiceArea(points);
        }
        errors.Add("service_area: give bbox or polygon");
        return null;
    }

    private static ServiceArea BoxArea(double minLon, double minLat, double maxLon, double maxLat) =>
        new([new(minLat, minLon), new(minLat, maxLon), new(maxLat, maxLon), new(maxLat, minLon)]);

    private static DispatchOptions ApplyOverrides(DispatchOptions o, DispatchSettings d, List<string> errors)
    {
        TimeSpan Min(double v, string key)
        {
            if (!(v >= 0) || v > 24 * 60) errors.Add($"dispatch.{key}: must be 0–1440 minutes");
            return TimeSpan.FromMinutes(double.IsFinite(v) ? Math.Clamp(v, 0, 1440) : 0);
        }
        if (d.PromiseWindowMin is { } w) o = o with { PromiseWindow = Min(w, "promise_window_min") };
        if (d.MaxWaitMin is { } mw) o = o with { MaxWait = Min(mw, "max_wait_min") };
        if (d.DetourConstantMin is { } dc) o = o with { DetourConstant = Min(dc, "detour_constant_min") };
        if (d.OfferExpiryMin is { } oe) o = o with { OfferExpiry = Min(oe, "offer_expiry_min") };
        if (d.DetourFactor is { } f)
        {
            if (!(f >= 1) || f > 10) errors.Add("dispatch.detour_factor: must be 1–10");
            else o = o with { DetourFactor = f };
        }
        if (d.MaxWalkingM is { } m)
        {
            if (!(m >= 0) || m > 5000) errors.Add("dispatch.max_walking_m: must be 0–5000");
            else o = o with { MaxWalkingMetres = m };
        }
        foreach (var e in o.Validate()) errors.Add("dispatch: " + e);
        return o;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
