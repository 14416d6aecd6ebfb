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
        var bill = SchoolBilling.Compute(ResultFixtures.Sample(), new SchoolTariff { PerKm = 2, PerHour = 30, PerTrip = 1 });

        var route = Assert.Single(bill.Routes);
        Assert.Equal("v1", route.VehicleId);
        Assert.Equal(2, route.Pupils);
        Assert.Equal(480, route.Minutes, 6);
        Assert.Equal(327, route.Cost, 6);
        Assert.Equal(3, bill.Pupils.Length);
        Assert.Equal(1 + 325 * 6 / 9.0, bill.Pupils.Single(p => p.TripId == "p1").AllocatedCost, 6);
        Assert.Equal(1 + 325 * 3 / 9.0, bill.Pupils.Single(p => p.TripId == "p2").AllocatedCost, 6);
        Assert.Equal(0, bill.Pupils.Single(p => p.TripId == "p3").AllocatedCost);
        Assert.Equal(327, bill.TotalCost, 6);
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

            bool routesAddUp = bill.Routes.All(r =>
                Math.Abs(bill.Pupils.Where(p => p.VehicleId == r.VehicleId && p.Outcome == TripOutcome.Served).Sum(p => p.AllocatedCost) - r.Cost) < 1e-6 * Math.Max(1, r.Cost));
            bool totalAddsUp = Math.Abs(bill.Pupils.Sum(p => p.AllocatedCost) - bill.TotalCost) < 1e-6 * Math.Max(1, bill.TotalCost);
            bool servedCount = bill.PupilsServed == c.assignment.Count(v => v >= 0);
            return routesAddUp && totalAddsUp && servedCount && bill.Pupils.All(p => p.AllocatedCost >= 0);
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
            Assert.StartsWith("pupil,p1,v1,gs,served,1,", lines[2], StringComparison.Ordinal);
            Assert.StartsWith("pupil,p3,,gs,rejected,1,", lines[4], StringComparison.Ordinal);
            Assert.Equal("total,,,,,2,,,327.00", lines[^1]);
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
