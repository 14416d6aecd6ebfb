using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using Xunit;

namespace DemandMobility.Simulator.Tests.Demand;

public sealed class ParcelDemandTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));

    private static DemandContext Context(int seed) => new(DemandTestPaths.NorthBayreuth, Day, seed, DemandTestPaths.RepoRoot, null);

    [Fact]
    public void OsmDerivedParcels_HaveUnitsFromTheDistribution_AndADeadlineAfterTheyAreReady()
    {
        var settings = new DemandSettings { TripsPerDay = 0, Parcels = new ParcelDemandSettings { ParcelsPerDay = 80 } };
        var set = DemandBuilder.Build(settings, Context(2));

        Assert.Equal(80, set.Trips.Length);
        Assert.Empty(set.Issues);
        var sizes = settings.Parcels.Sizes.Select(s => s.Units).ToHashSet();
        Assert.All(set.Trips, t =>
        {
            Assert.Equal(TripKind.Parcel, t.Kind);
            Assert.Equal(0, t.Passengers);
            Assert.Contains(t.ParcelUnits, sizes);
            Assert.True(t.EarliestPickup >= t.RequestTime);
            Assert.True(t.DeliverBy > t.EarliestPickup);
            Assert.Equal(TimeSpan.FromMinutes(240), t.DeliverBy - t.EarliestPickup);
            Assert.InRange(t.RequestTime, Day.AddHours(8), Day.AddHours(16));
            Assert.True(GeoMath.HaversineMetres(t.Origin, t.Destination) >= 800);
        });
        Assert.True(set.Trips.Select(t => t.ParcelUnits).Distinct().Count() >= 2);
    }

    [Fact]
    public void ConfiguredStations_AreTheOnlyDestinations_AndPassengersAreUnchangedByParcels()
    {
        NamedPlace[] stations =
        [
            new() { Name = "Rathaus Neudrossenfeld", Lat = 50.0180, Lon = 11.5030 },
            new() { Name = "Harsdorf Dorfladen", Lat = 50.0270, Lon = 11.5690 },
        ];
        var withParcels = new DemandSettings
        {
            TripsPerDay = 50,
            Parcels = new ParcelDemandSettings { ParcelsPerDay = 30, PickupStations = stations, Sizes = [new() { Units = 3, Share = 1 }] },
        };
        var set = DemandBuilder.Build(withParcels, Context(6));
        var passengersOnly = DemandBuilder.Build(withParcels with { Parcels = null }, Context(6));

        var parcels = set.Trips.Where(t => t.Kind == TripKind.Parcel).ToList();
        Assert.Equal(30, parcels.Count);
        var allowed = stations.Select(s => new GeoPoint(s.Lat, s.Lon)).ToHashSet();
        Assert.All(parcels, p =>
        {
            Assert.Contains(p.Destination, allowed);
            Assert.Equal(3, p.ParcelUnits);
        });
        Assert.Equal(passengersOnly.Trips, set.Trips.Where(t => t.Kind == TripKind.Passenger));
    }

    [Fact]
    public void BadParcelSettings_AreReportedByKey()
    {
        var settings = new DemandSettings
        {
            Parcels = new ParcelDemandSettings { Sizes = [new() { Units = 0, Share = 1 }], FirstSubmission = "17:00", LastSubmission = "09:00" },
        };
        var e = Assert.Throws<DemandSettingsException>(() => DemandBuilder.Build(settings, Context(1)));
        Assert.Contains(e.Problems, p => p.StartsWith("demand.parcels.sizes[0].units", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("demand.parcels.last_submission", StringComparison.Ordinal));
    }
}
