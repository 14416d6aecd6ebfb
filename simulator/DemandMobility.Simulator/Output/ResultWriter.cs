using System.Globalization;
using System.Text;
using System.Text.Json;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Report;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Writes a run's output folder: <c>kpis.json</c> (flat), <c>trips.csv</c> (one row per trip), <c>report.html</c>,
/// <c>result.json</c> (the whole result, so a later run can be compared with it) and, for school runs,
/// <c>billing.csv</c>, and <c>parcel_impact.csv</c> (per rider, with against without parcels) when a parcel-free
/// comparison ran. Invariant culture throughout.
/// </summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The files written for a run into <paramref name="directory"/>.</summary>
    /// <param name="result">The run.</param>
    /// <param name="directory">Output folder (created).</param>
    /// <param name="compareWith">A second run shown beside it in the report.</param>
    /// <param name="schoolTariff">Tariff of the school run; billing.csv is written when given and pupils were simulated.</param>
    public static IReadOnlyList<string> Write(SimulationResult result, string directory, SimulationResult? compareWith = null, SchoolTariff? schoolTariff = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string kpis = Path.Combine(directory, "kpis.json");
        File.WriteAllText(kpis, KpiJson(result));
        written.Add(kpis);
        string trips = Path.Combine(directory, "trips.csv");
        WriteTrips(result, trips);
        written.Add(trips);
        string full = Path.Combine(directory, "result.json");
        var serialisable = result.Diagnostics.IsDefault ? result with { Diagnostics = [] } : result;
        if (serialisable.Places.IsDefault) serialisable = serialisable with { Places = [] };
        if (serialisable.Alerts.IsDefault) serialisable = serialisable with { Alerts = [] };
        serialisable = InRegionTime(serialisable);
        File.WriteAllText(full, JsonSerializer.Serialize(serialisable, Json));
        written.Add(full);
        string report = Path.Combine(directory, "report.html");
        // The report bills the school run with the same tariff as billing.csv and cost_eur (one cost model).
        HtmlReport.Write(result, report, compareWith, schoolTariff);
        written.Add(report);
        if (result.ParcelImpact is { } impact)
        {
            string impactCsv = Path.Combine(directory, "parcel_impact.csv");
            WriteParcelImpact(impact, impactCsv);
            written.Add(impactCsv);
        }
        if (schoolTariff is not null && result.Trips.Any(t => t.Kind == TripKind.Pupil))
        {
            string billing = Path.Combine(directory, "billing.csv");
            SchoolBilling.WriteCsv(SchoolBilling.Compute(result, schoolTariff), billing);
            written.Add(billing);
        }
        return written;
    }

    /// <summary>Every time of the result in the region's time (<see cref="OutputTime"/>), so result.json speaks one offset convention too.</summary>
    private static SimulationResult InRegionTime(SimulationResult r)
    {
        DateTimeOffset L(DateTimeOffset t) => OutputTime.Local(t, r);
        DateTimeOffset? N(DateTimeOffset? t) => t is { } v ? L(v) : null;
        return r with
        {
            DayStart = L(r.DayStart),
            DayEnd = L(r.DayEnd),
            Trips = [.. r.Trips.Select(t => t with
            {
                RequestTime = L(t.RequestTime), RequestedPickup = N(t.RequestedPickup), LatestArrival = N(t.LatestArrival),
                PromisedPickupEarliest = N(t.PromisedPickupEarliest), PromisedPickupLatest = N(t.PromisedPickupLatest),
                PickupTime = N(t.PickupTime), DropoffTime = N(t.DropoffTime), AlternativeTime = N(t.AlternativeTime),
            })],
            FleetSamples = [.. r.FleetSamples.Select(s => s with { Time = L(s.Time) })],
        };
    }

    /// <summary>Reads result.json of an earlier run (for <c>--compare</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a result (names file and position).</exception>
    public static SimulationResult ReadResult(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SimulationResult>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty result.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a simulation result (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}", e);
        }
    }

    /// <summary>The flat KPI object plus run metadata (scenario, seed, mode, completed), keys sorted.</summary>
    public static string KpiJson(SimulationResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", result.ScenarioName);
            w.WriteNumber("seed", result.Seed);
            w.WriteString("mode", result.Mode);
            w.WriteBoolean("completed", result.Completed);
            foreach (var (key, value) in result.Kpis)
                w.WriteNumber(key, Math.Round(value, 6));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTrips(SimulationResult result, string path)
    {
        var sb = new StringBuilder();
        sb.AppendLine("trip_id,kind,group,outcome,reason,request_time,requested_pickup,latest_arrival,origin_lat,origin_lon,destination_lat,destination_lon," +
                      "passengers,wheelchair_places,parcel_units,booking_id,vehicle_id,promised_pickup_from,promised_pickup_until,pickup_time,dropoff_time," +
                      "wait_s,ride_s,direct_ride_s,direct_km,max_ride_s,alternative_time,pickup_lateness_s,broken_promise,broken_cause,incident,train,train_delay_s,connection");
        foreach (var t in result.Trips)
        {
            sb.Append(Csv(t.TripId)).Append(',').Append(t.Kind.ToString().ToLowerInvariant()).Append(',').Append(Csv(t.Group)).Append(',')
              .Append(t.Outcome.ToString().ToLowerInvariant()).Append(',').Append(Csv(t.Reason)).Append(',')
              .Append(Time(t.RequestTime, result)).Append(',').Append(Time(t.RequestedPickup, result)).Append(',').Append(Time(t.LatestArrival, result)).Append(',')
              .Append(Num(t.Origin.Latitude)).Append(',').Append(Num(t.Origin.Longitude)).Append(',')
              .Append(Num(t.Destination.Latitude)).Append(',').Append(Num(t.Destination.Longitude)).Append(',')
              .Append(t.Passengers.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.WheelchairPlaces.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.ParcelUnits.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv(t.BookingId)).Append(',').Append(Csv(t.VehicleId)).Append(',')
              .Append(Time(t.PromisedPickupEarliest, result)).Append(',').Append(Time(t.PromisedPickupLatest, result)).Append(',')
              .Append(Time(t.PickupTime, result)).Append(',').Append(Time(t.DropoffTime, result)).Append(',')
              .Append(Num(t.WaitSeconds)).Append(',').Append(Num(t.RideSeconds)).Append(',').Append(Num(t.DirectRideSeconds)).Append(',')
              .Append(Num(t.DirectKm)).Append(',').Append(Num(t.MaxRideSeconds)).Append(',').Append(Time(t.AlternativeTime, result)).Append(',')
              .Append(Num(t.PickupLatenessSeconds)).Append(',').Append(Csv(t.BrokenPromise)).Append(',').Append(Csv(t.BrokenCause)).Append(',').Append(Csv(t.Incident)).Append(',')
              .Append(Csv(t.Train)).Append(',').Append(Num(t.TrainDelaySeconds)).Append(',').Append(Csv(t.Connection)).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteParcelImpact(ParcelImpact impact, string path)
    {
        var sb = new StringBuilder("trip_id,outcome_with_parcels,outcome_without_parcels,added_wait_s,added_ride_s,added_delay_s\n");
        foreach (var p in impact.Passengers)
            sb.Append(Csv(p.TripId)).Append(',').Append(p.WithParcels.ToString().ToLowerInvariant()).Append(',')
              .Append(p.WithoutParcels.ToString().ToLowerInvariant()).Append(',').Append(Num(p.AddedWaitSeconds)).Append(',')
              .Append(Num(p.AddedRideSeconds)).Append(',').Append(Num(p.AddedDelaySeconds)).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    private static string Time(DateTimeOffset? t, SimulationResult run) => OutputTime.Iso(t, run);

    private static string Num(double? v) => v is { } x ? x.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
