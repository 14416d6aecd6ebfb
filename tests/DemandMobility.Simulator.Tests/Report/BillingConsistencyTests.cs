using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Report;

/// <summary>One cost model end to end: the school run's report, billing.csv and kpis.json agree to the cent.</summary>
public sealed class BillingConsistencyTests
{
    [Fact]
    public async Task Report_billing_csv_and_kpis_json_show_the_same_total_and_every_vehicle_that_drove()
    {
        var tariff = new SchoolTariff { PerKm = 1.37, PerHour = 31.3, PerTrip = 0.55 };
        var scenario = TestKinds.School(5);
        scenario = scenario with { Demand = new DemandSettings { TripsPerDay = 0, School = new SchoolDemandSettings { Tariff = tariff } } };
        var travel = TestRoadNetwork.Travel;
        var result = await Simulation.RunAsync(scenario, travel, TestKinds.Pupils(scenario, 16, 5, travel));
        string dir = Path.Combine(Path.GetTempPath(), "dm-bill-" + Guid.NewGuid().ToString("N"));
        try
        {
            ResultWriter.Write(result, dir, null, tariff);

            var lines = File.ReadAllLines(Path.Combine(dir, "billing.csv"));
            decimal csvTotal = decimal.Parse(lines[^1].Split(',')[^1], CultureInfo.InvariantCulture);
            using var kpis = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "kpis.json")));
            decimal kpiTotal = kpis.RootElement.GetProperty("cost_eur").GetDecimal();
            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            var reportTotal = Regex.Match(html, @"<p>Total (?<eur>[0-9,]+\.[0-9]{2}) € for");
            Assert.True(reportTotal.Success, "the report states the bill's total");

            Assert.True(csvTotal > 0);
            Assert.Equal(csvTotal, kpiTotal);
            Assert.Equal(csvTotal, decimal.Parse(reportTotal.Groups["eur"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
            // The report bills with the scenario's tariff, not the default one.
            Assert.DoesNotContain("default tariff", html, StringComparison.Ordinal);
            Assert.Contains("0.55 € per pupil trip", html, StringComparison.Ordinal);
            // The route lines add up to the total, and every vehicle that drove has one.
            var routes = lines.Where(l => l.StartsWith("route,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
            Assert.Equal(csvTotal, routes.Sum(r => decimal.Parse(r[^1], CultureInfo.InvariantCulture)));
            foreach (var v in result.Vehicles.Where(v => v.Km > 0))
                Assert.Contains(routes, r => r[1] == v.VehicleId);
            // Pupils' lines (whole cents) add up to the routes that carried pupils.
            decimal pupils = lines.Where(l => l.StartsWith("pupil,", StringComparison.Ordinal)).Sum(l => decimal.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture));
            decimal carrying = routes.Where(r => r[5] != "0").Sum(r => decimal.Parse(r[^1], CultureInfo.InvariantCulture));
            Assert.Equal(carrying, pupils);
            Assert.Equal((double)kpiTotal / result.Kpis["pupils_served"], result.Kpis["school_cost_per_pupil"], 6);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_fleet_cost_model_adds_distance_time_and_a_fixed_cost_per_vehicle_needed()
    {
        var scenario = TestScenarios.Small(vehicles: 2, seed: 4);
        var travel = TestRoadNetwork.Travel;
        var result = await Simulation.RunAsync(scenario, travel, TestScenarios.Passengers(scenario, 12, 4, travel));
        var k = result.Kpis;
        var costs = scenario.Settings.Costs;

        Assert.Equal(2, k["vehicles_needed"]);
        Assert.Equal(Math.Round(k["vehicle_km"] * costs.PerVehicleKmEur, 2), k["cost_distance_eur"], 6);
        Assert.Equal(Math.Round(k["vehicle_hours"] * costs.PerVehicleHourEur, 2), k["cost_time_eur"], 6);
        Assert.Equal(2 * costs.PerVehicleDayEur, k["cost_fixed_eur"], 6);
        Assert.Equal(k["cost_distance_eur"] + k["cost_time_eur"] + k["cost_fixed_eur"], k["cost_eur"], 6);
        Assert.Equal(k["cost_eur"] / k["served"], k["cost_per_trip_eur"], 6);
        Assert.Equal(k["cost_eur"] / k["passenger_km"], k["cost_per_passenger_km_eur"], 6);
        Assert.Equal(k["served_persons"] / k["vehicle_hours"], k["passengers_per_vehicle_hour"], 6);
    }
}
