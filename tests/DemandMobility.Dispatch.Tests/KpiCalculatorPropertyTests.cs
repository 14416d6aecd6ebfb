using DemandMobility.Dispatch.Engine;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Random KPI ledgers: splitting a period in two loses and invents nothing (counts and distances add up),
/// and the p95 wait agrees with a plain sort-and-pick reference.
/// </summary>
public sealed class KpiCalculatorPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static List<KpiEntry> Ledger(int seed)
    {
        var random = new Random(seed);
        var ledger = new List<KpiEntry>();
        int n = random.Next(0, 60);
        for (int i = 0; i < n; i++)
        {
            var at = T0.AddMinutes(random.Next(0, 24 * 60));
            var delta = random.Next(4) switch
            {
                0 => new KpiDelta(Boardings: 1, WaitSeconds: random.Next(0, 1800)),
                1 => new KpiDelta(Served: 1, RideSeconds: random.Next(300, 1800), DirectSeconds: random.Next(200, 300)),
                2 => new KpiDelta(Rejected: 1),
                _ => new KpiDelta(DrivenMetres: random.Next(0, 5000), EmptyMetres: random.Next(0, 1000)),
            };
            ledger.Add(new KpiEntry(at, delta));
        }
        return ledger;
    }

    private static bool Holds(int seed, int splitMinute)
    {
        var ledger = Ledger(seed);
        var split = T0.AddMinutes(splitMinute);
        var all = KpiCalculator.Compute(ledger, T0, T0.AddDays(1), 600);
        var a = KpiCalculator.Compute(ledger, T0, split, 600);
        var b = KpiCalculator.Compute(ledger, split, T0.AddDays(1), 600);
        bool additive = a.Served + b.Served == all.Served && a.Rejected + b.Rejected == all.Rejected
            && Math.Abs(a.VehicleKm + b.VehicleKm - all.VehicleKm) < 1e-9 && Math.Abs(a.EmptyKm + b.EmptyKm - all.EmptyKm) < 1e-9;

        var waits = new List<double>();
        foreach (var e in ledger)
            if (e.Delta.Boardings > 0) waits.Add(e.Delta.WaitSeconds);
        waits.Sort();
        double expected = waits.Count == 0 ? 0 : waits[(int)Math.Ceiling(0.95 * waits.Count) - 1];
        return additive && all.P95WaitSeconds == expected && all.Punctuality is >= 0 and <= 1;
    }

    [Fact]
    public void Splitting_a_period_adds_up_and_p95_matches_a_reference()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 24 * 60).ToArbitrary(), Holds)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
