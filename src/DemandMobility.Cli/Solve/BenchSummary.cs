namespace DemandMobility.Cli.Solve;

/// <summary>
/// Aggregates of a <c>dm bench</c> run. Mean and max gap are taken over the rows whose distance is comparable
/// with the BKS (DARP: all rows with a BKS; Li &amp; Lim: rows that use the BKS vehicle count).
/// </summary>
internal sealed record BenchSummary(int Instances, int Solved, int Valid, int GapRows, double? MeanGapPercent, double? MaxGapPercent, int VehicleRows, int BksVehicleHits)
{
    public static BenchSummary Of(IReadOnlyList<BenchRow> rows, bool hierarchical)
    {
        int solved = 0, valid = 0, gapRows = 0, vehicleRows = 0, hits = 0;
        double sum = 0, max = double.NegativeInfinity;
        foreach (var row in rows)
        {
            if (row.Error is not null) continue;
            solved++;
            if (row.Valid) valid++;
            if (row.BksVehicles is int bv && row.Vehicles is int v)
            {
                vehicleRows++;
                if (v <= bv) hits++;
            }
            bool comparable = !hierarchical || (row.BksVehicles is int b && row.Vehicles == b);
            if (comparable && row.GapPercent is double gap)
            {
                gapRows++;
                sum += gap;
                max = Math.Max(max, gap);
            }
        }
        return new BenchSummary(rows.Count, solved, valid, gapRows, gapRows > 0 ? sum / gapRows : null, gapRows > 0 ? max : null, vehicleRows, hits);
    }
}
