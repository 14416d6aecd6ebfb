using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// Per-route and per-pupil billing of the school run. A route is one vehicle that drove (delivered pupils or not); it
/// costs <c>per_km × km + per_hour × shift hours + per_trip × pupils</c>, rounded to the cent. Allocation rule: each pupil pays the
/// <c>per_trip</c> fee plus a share of the route's distance and time cost proportional to the pupil's direct
/// (home → school) km among the route's pupils — a pupil living far away causes more of the driving — or an equal
/// share when no direct distances are known. The pupils' allocations (whole cents, largest remainder) add up to the
/// route cost to the cent; a route that delivered nobody stays unallocated (<see cref="SchoolBillingReport.UnallocatedCost"/>).
/// </summary>
public static class SchoolBilling
{
    /// <summary>Bills each vehicle that delivered pupils and splits its cost over its pupils.</summary>
    public static SchoolBillingReport Compute(SimulationResult result, SchoolTariff tariff)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tariff);

        var servedByVehicle = new SortedDictionary<string, List<TripRecord>>(StringComparer.Ordinal);
        var pupils = new List<TripRecord>();
        foreach (var trip in result.Trips)
        {
            if (trip.Kind != TripKind.Pupil)
                continue;
            pupils.Add(trip);
            if (trip.Outcome == TripOutcome.Served && trip.VehicleId is { } vehicle)
            {
                if (!servedByVehicle.TryGetValue(vehicle, out var list))
                    servedByVehicle[vehicle] = list = [];
                list.Add(trip);
            }
        }

        var tracks = new Dictionary<string, VehicleTrack>(StringComparer.Ordinal);
        foreach (var track in result.Vehicles)
            tracks[track.VehicleId] = track;

        // Every vehicle that drove is billed, also one that delivered nobody (its cost stays with the route).
        foreach (var track in result.Vehicles)
            if (track.Km > 0 && !servedByVehicle.ContainsKey(track.VehicleId))
                servedByVehicle[track.VehicleId] = [];

        var routes = ImmutableArray.CreateBuilder<RouteBilling>(servedByVehicle.Count);
        var allocated = new Dictionary<string, (double Cost, string Vehicle)>(StringComparer.Ordinal);
        foreach (var (vehicle, served) in servedByVehicle)
        {
            tracks.TryGetValue(vehicle, out var track);
            double km = track?.Km ?? 0;
            double hours = track?.ShiftHours ?? 0;
            double shared = tariff.PerKm * km + tariff.PerHour * hours;
            long routeCents = Cents(shared + tariff.PerTrip * served.Count);
            routes.Add(new RouteBilling(vehicle, km, hours * 60, served.Count, routeCents / 100.0));
            if (served.Count == 0)
                continue;

            double weightSum = 0;
            foreach (var p in served)
                weightSum += Weight(p);
            var raw = new double[served.Count];
            for (int i = 0; i < served.Count; i++)
                raw[i] = tariff.PerTrip + shared * (weightSum > 0 ? Weight(served[i]) / weightSum : 1.0 / served.Count);
            var cents = SplitCents(raw, routeCents);
            for (int i = 0; i < served.Count; i++)
                allocated[served[i].TripId] = (cents[i] / 100.0, vehicle);
        }

        pupils.Sort((a, b) => string.CompareOrdinal(a.TripId, b.TripId));
        var lines = ImmutableArray.CreateBuilder<PupilBilling>(pupils.Count);
        foreach (var p in pupils)
        {
            bool billed = allocated.TryGetValue(p.TripId, out var a);
            lines.Add(new PupilBilling(p.TripId, p.Group, p.VehicleId, p.Outcome, p.DirectKm,
                p.RideSeconds / 60, billed ? a.Cost : 0));
        }
        return new SchoolBillingReport(tariff, routes.MoveToImmutable(), lines.MoveToImmutable());
    }

    /// <summary>
    /// Writes the bill as CSV (invariant culture): a <c>section</c> column tells route lines (<c>route</c>) from
    /// pupil lines (<c>pupil</c>), followed by one <c>total</c> line.
    /// </summary>
    public static void WriteCsv(SchoolBillingReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("section,id,vehicle_id,group,outcome,pupils,km,minutes,cost_eur\n");
        foreach (var r in report.Routes)
            sb.Append(Inv($"route,{Csv(r.VehicleId)},{Csv(r.VehicleId)},,,{r.Pupils},{r.Km:F3},{r.Minutes:F1},{r.Cost:F2}\n"));
        foreach (var p in report.Pupils)
            sb.Append(Inv($"pupil,{Csv(p.TripId)},{Csv(p.VehicleId)},{Csv(p.Group)},{Csv(Outcome(p.Outcome))},1,{Num(p.DirectKm, "F3")},{Num(p.RideMinutes, "F1")},{p.AllocatedCost:F2}\n"));
        sb.Append(Inv($"total,,,,,{report.PupilsServed},,,{report.TotalCost:F2}\n"));
        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>Euro to whole cents, half away from zero (every amount of the bill is in cents, so its sums are exact).</summary>
    internal static long Cents(double eur) => (long)Math.Round(eur * 100, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Whole cents per share adding up to <paramref name="total"/> (largest remainder, Hamilton's method): each share
    /// gets its amount rounded down, and the cents left over go to the largest fractions, ties to the earlier share.
    /// </summary>
    internal static long[] SplitCents(double[] amounts, long total)
    {
        var cents = new long[amounts.Length];
        long sum = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            cents[i] = (long)Math.Floor(amounts[i] * 100 + 1e-9);
            sum += cents[i];
        }
        var order = Enumerable.Range(0, amounts.Length).OrderByDescending(i => amounts[i] * 100 - cents[i]).ThenBy(i => i).ToArray();
        for (int k = 0; sum < total && order.Length > 0; k = (k + 1) % order.Length, sum++)
            cents[order[k]]++;
        for (int k = 0; sum > total && order.Length > 0; k = (k + 1) % order.Length)
            if (cents[order[^(k + 1)]] > 0)
            {
                cents[order[^(k + 1)]]--;
                sum--;
            }
        return cents;
    }

    private static double Weight(TripRecord p) => p.DirectKm is { } km && double.IsFinite(km) && km > 0 ? km : 0;

    private static string Outcome(TripOutcome o) => o switch
    {
        TripOutcome.Served => "served",
        TripOutcome.Rejected => "rejected",
        TripOutcome.Declined => "declined",
        TripOutcome.Cancelled => "cancelled",
        TripOutcome.NoShow => "no_show",
        TripOutcome.Disrupted => "disrupted",
        _ => "unfinished",
    };

    private static string Num(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes a field when it holds a comma, quote or line break (RFC 4180).</summary>
    internal static string Csv(string? field)
    {
        if (string.IsNullOrEmpty(field))
            return "";
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return field;
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
