using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Simulator.Tests.Report;

public sealed class SchoolBillingTests
{
    [Fact]
    public void HandComputedRoute_IsSplitByDirectKm()
    {
        // v1: 42.5 km, 8 h shift, pupils p1 (6 km direct) and p2 (3 km): cost = 2·42.5 + 30·8 + 1·2 = 327.
        // v2 drove 20.25 km in 6.5 h without pupils: it is billed too, 2·20.25 + 30·6.5 = 235.50, and stays unallocated.
        var bill = SchoolBilling.Compute(ResultFixtures.Sample(), new SchoolTariff { PerKm = 2, PerHour = 30, PerTrip = 1 });

        Assert.Equal(["v1", "v2"], bill.Routes.Select(r => r.VehicleId));
        var route = bill.Routes[0];
        Assert.Equal(2, route.Pupils);
        Assert.Equal(480, route.Minutes, 6);
        Assert.Equal(327, route.Cost, 6);
        Assert.Equal(235.5, bill.Routes[1].Cost, 6);
        Assert.Equal(0, bill.Routes[1].Pupils);
        Assert.Equal(3, bill.Pupils.Length);
        // 1 + 325·6/9 = 217.666…, 1 + 325·3/9 = 109.333…: whole cents by largest remainder, adding up to 327.00.
        Assert.Equal(217.67, bill.Pupils.Single(p => p.TripId == "p1").AllocatedCost, 6);
        Assert.Equal(109.33, bill.Pupils.Single(p => p.TripId == "p2").AllocatedCost, 6);
        Assert.Equal(0, bill.Pupils.Single(p => p.TripId == "p3").AllocatedCost);
        Assert.Equal(562.5, bill.TotalCost, 6);
        Assert.Equal(235.5, bill.UnallocatedCost, 6);
    }

    [Fact]
    public void PupilAllocations_AddUpToTheRouteCosts()
    {
        var gen =
            from vehicles in Gen.Choose(1, 5)
            from pupils in Gen.Choose(0, 30)
            from assignment in Gen.ArrayOf(Gen.Choose(-1, vehicles - 1), pupils)
            from directKm in Gen.ArrayOf(Gen.Choose(0, 300), pupils)
            from km in Gen.ArrayOf(Gen.Choose(0, 2000), vehicles)
            from tariff in Gen.Choose(0, 500).Three()
            select (vehicles, assignment, directKm, km, tariff);

        var property = Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var result = Build(c.vehicles, c.assignment, c.directKm, c.km);
            var tariff = new SchoolTariff { PerKm = c.tariff.Item1 / 100.0, PerHour = c.tariff.Item2 / 10.0, PerTrip = c.tariff.Item3 / 100.0 };
            var bill = SchoolBilling.Compute(result, tariff);

            // Every amount is whole cents, and the cents add up exactly.
            long Cents(double eur) => (long)Math.Round(eur * 100);
            bool wholeCents = bill.Pupils.All(p => Math.Abs(p.AllocatedCost * 100 - Cents(p.AllocatedCost)) < 1e-6);
            bool routesAddUp = bill.Routes.Where(r => r.Pupils > 0).All(r =>
                bill.Pupils.Where(p => p.VehicleId == r.VehicleId && p.Outcome == TripOutcome.Served).Sum(p => Cents(p.AllocatedCost)) == Cents(r.Cost));
            bool totalAddsUp = bill.Pupils.Sum(p => Cents(p.AllocatedCost)) + Cents(bill.UnallocatedCost) == Cents(bill.TotalCost);
            // Every vehicle that drove is on the bill.
            bool everyDriver = c.km.Select((k, v) => (k, v)).Where(x => x.k > 0).All(x => bill.Routes.Any(r => r.VehicleId == "v" + x.v));
            bool servedCount = bill.PupilsServed == c.assignment.Count(v => v >= 0);
            return wholeCents && routesAddUp && totalAddsUp && everyDriver && servedCount && bill.Pupils.All(p => p.AllocatedCost >= 0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Csv_HasRoutePupilAndTotalLines()
    {
        string path = Path.Combine(Path.GetTempPath(), "dm-billing-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            SchoolBilling.WriteCsv(SchoolBilling.Compute(ResultFixtures.Sample(), new SchoolTariff { PerKm = 2, PerHour = 30, PerTrip = 1 }), path);
            var lines = File.ReadAllLines(path);

            Assert.Equal("section,id,vehicle_id,group,outcome,pupils,km,minutes,cost_eur", lines[0]);
            Assert.Equal("route,v1,v1,,,2,42.500,480.0,327.00", lines[1]);
            Assert.Equal("route,v2,v2,,,0,20.250,390.0,235.50", lines[2]);
            Assert.StartsWith("pupil,p1,v1,gs,served,1,", lines[3], StringComparison.Ordinal);
            Assert.StartsWith("pupil,p3,,gs,rejected,1,", lines[5], StringComparison.Ordinal);
            Assert.Equal("total,,,,,2,,,562.50", lines[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SimulationResult Build(int vehicles, int[] assignment, int[] directKm, int[] km)
    {
        var p = new GeoPoint(50, 11.5);
        var trips = new List<TripRecord>();
        for (int i = 0; i < assignment.Length; i++)
        {
            string? vehicle = assignment[i] >= 0 ? "v" + assignment[i] : null;
            trips.Add(new TripRecord("p" + i, TripKind.Pupil, null, vehicle is null ? TripOutcome.Rejected : TripOutcome.Served, null,
                ResultFixtures.Day, null, ResultFixtures.Day.AddHours(8), p, p, 1, 0, 0, null, vehicle, null, null, null, null,
                null, 600, 500, directKm[i] / 10.0, 1800));
        }
        var tracks = Enumerable.Range(0, vehicles).Select(v => new VehicleTrack("v" + v, [], [], km[v] / 10.0, 0, 0, 2.5)).ToImmutableArray();
        return new SimulationResult("billing", 1, "in-process", true, ResultFixtures.Day, ResultFixtures.Day.AddDays(1),
            ImmutableSortedDictionary<string, double>.Empty, [.. trips], [], tracks, [], 0);
    }
}
