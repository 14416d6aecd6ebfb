using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Several areas' KPI reports combined against the reference of one report over the pooled ledgers: counts,
/// kilometres, the mean ride and the occupancy agree exactly, and the combined 95th-percentile wait is never below
/// the pooled one (it is the largest area's, an upper bound).
/// </summary>
public sealed class KpiReportAggregationPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static List<KpiEntry> Ledger(Random random)
    {
        var ledger = new List<KpiEntry>();
        int n = random.Next(0, 40);
        for (int i = 0; i < n; i++)
        {
            var delta = random.Next(4) switch
            {
                0 => new KpiDelta(Boardings: 1, WaitSeconds: random.Next(0, 1800)),
                1 => new KpiDelta(Served: 1, RideSeconds: random.Next(300, 1800), DirectSeconds: random.Next(200, 300)),
                2 => new KpiDelta(Rejected: 1, Cancelled: random.Next(2)),
                _ => new KpiDelta(DrivenMetres: random.Next(0, 5000), EmptyMetres: random.Next(0, 1000), PassengerMetres: random.Next(0, 8000)),
            };
            ledger.Add(new KpiEntry(T0.AddMinutes(random.Next(0, 24 * 60)), delta));
        }
        return ledger;
    }

    private static bool Holds(int seed, int areaCount)
    {
        var random = new Random(seed);
        var ledgers = Enumerable.Range(0, areaCount).Select(_ => Ledger(random)).ToList();
        var reports = ledgers.Select(l => KpiCalculator.Compute(l, T0, T0.AddDays(1), 600)).ToList();
        var pooled = KpiCalculator.Compute([.. ledgers.SelectMany(l => l)], T0, T0.AddDays(1), 600);
        var combined = KpiReportAggregation.Combine(reports);
        static bool Near(double a, double b) => Math.Abs(a - b) < 1e-6 * Math.Max(1, Math.Abs(b));
        return combined.Served == pooled.Served && combined.Rejected == pooled.Rejected && combined.Cancelled == pooled.Cancelled
            && Near(combined.VehicleKm, pooled.VehicleKm) && Near(combined.EmptyKm, pooled.EmptyKm)
            && Near(combined.AverageRideSeconds, pooled.AverageRideSeconds) && Near(combined.Occupancy, pooled.Occupancy)
            && combined.P95WaitSeconds >= pooled.P95WaitSeconds;
    }

    [Fact]
    public void Combined_reports_agree_with_the_pooled_ledger()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), Holds)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void No_areas_give_the_empty_report()
    {
        var none = KpiReportAggregation.Combine([]);
        Assert.Equal(0, none.Served);
        Assert.Equal(0, none.P95WaitSeconds);
        Assert.Equal(0, none.Occupancy);
    }
}
