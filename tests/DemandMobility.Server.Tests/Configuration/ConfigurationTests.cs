using DemandMobility.Security;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Configuration;

public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    internal static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private IHost BuildHost(IDictionary<string, string?>? overrides = null, bool withAppSettings = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _dir.Path, Args = [] });
        if (withAppSettings) builder.Configuration.AddJsonFile(RepositoryFile("src/DemandMobility.Server/appsettings.json"), optional: false);
        var values = new Dictionary<string, string?> { ["DataDirectory"] = _dir.Path };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) values[k] = v;
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddDemandMobilityConfiguration();
        return builder.Build();
    }

    /// <summary>Starts a host that must fail validation; returns all validation messages (one options class or several).</summary>
    private async Task<string> StartFailsAsync(IDictionary<string, string?> overrides)
    {
        using var host = BuildHost(overrides);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var failures = ex is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [ex];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        return string.Join("\n", failures.Select(f => f.Message));
    }

    [Fact]
    public async Task ShippedAppSettings_BindAndValidate()
    {
        using var host = BuildHost();
        await host.StartAsync();
        try
        {
            var services = host.Services;
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var region = services.GetRequiredService<IOptions<RegionOptions>>().Value;
            var fleet = services.GetRequiredService<IOptions<FleetOptions>>().Value;
            var dispatch = services.GetRequiredService<IOptions<DispatchOptions>>().Value;

            Assert.Equal(StorageProvider.Sqlite, storage.Provider);
            Assert.Equal(Path.Combine(_dir.Path, "dispatch.db"), storage.SqlitePath);
            Assert.Equal(6, fleet.Vehicles.Count);
            Assert.All(fleet.Vehicles, v => Assert.Equal((8, 1, 4), (v.Seats, v.WheelchairPlaces, v.ParcelUnits)));
            var area = new ServiceAreaPolygon(region.ServiceArea);
            Assert.All(fleet.Vehicles, v => Assert.True(area.Contains(v.DepotLat, v.DepotLon)));
            Assert.Equal(TimeSpan.FromMinutes(15), dispatch.PromiseWindow);
            Assert.EndsWith("north-bayreuth.osm.pbf", services.GetRequiredService<IOptions<RoutingOptions>>().Value.PbfPath);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void ShippedServiceArea_LiesInsideTheExtractsHeaderBoundingBox()
    {
        // Bounding box from the PBF HeaderBlock of routing-data/north-bayreuth.osm.pbf (lon 11.4807..11.6053, lat 49.9721..50.0470).
        using var host = BuildHost();
        var region = host.Services.GetRequiredService<IOptions<RegionOptions>>().Value;
        Assert.All(region.ServiceArea, p =>
        {
            Assert.InRange(p[0], 11.4807, 11.6053);
            Assert.InRange(p[1], 49.9721, 50.0470);
        });
    }

    [Theory]
    [InlineData("Dispatch:PromiseWindow", "00:00:00", "Dispatch:PromiseWindow")]
    [InlineData("Dispatch:MaxRideTimeFactor", "0.5", "Dispatch:MaxRideTimeFactor")]
    [InlineData("Dispatch:BookingHorizonDays", "400", "Dispatch:BookingHorizonDays")]
    [InlineData("Dispatch:MaxWalkingDistanceMeters", "-1", "Dispatch:MaxWalkingDistanceMeters")]
    [InlineData("Fleet:Vehicles:2:Seats", "0", "Fleet:Vehicles:2:Seats")]
    [InlineData("Fleet:Vehicles:1:Id", "bus-1", "Fleet:Vehicles:1:Id 'bus-1' is used twice")]
    [InlineData("Fleet:Vehicles:0:DepotLat", "48.0", "Fleet:Vehicles:0 (bus-1) depot")]
    [InlineData("Fleet:Vehicles:0:ShiftEnd", "05:00", "Fleet:Vehicles:0:ShiftEnd")]
    [InlineData("Region:ServiceArea:1:1", "95", "Region:ServiceArea:1")]
    [InlineData("Jwt:SigningKey", "c2hvcnQ=", "Jwt:SigningKey decodes to 5 bytes")]
    [InlineData("Jwt:SigningKey", "not base64!", "Jwt:SigningKey must be base64")]
    [InlineData("Jwt:Audience", "", "Jwt:Audience")]
    [InlineData("Storage:Provider", "Postgres", "Storage:PostgresConnectionString is required")]
    [InlineData("Routing:PbfPath", "map.osm", "Routing:PbfPath")]
    [InlineData("Region:TimeZone", "Mars/Olympus", "Region:TimeZone 'Mars/Olympus'")]
    [InlineData("Dispatch:BookingHorizonDays", "0", "Dispatch:BookingHorizonDays 0 must be 1..90")]
    [InlineData("Dispatch:FixStoreInterval", "02:00:00", "Dispatch:FixStoreInterval")]
    public async Task BadSetting_StopsTheHostWithAMessageNamingIt(string key, string value, string expected)
    {
        var message = await StartFailsAsync(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task SelfIntersectingServiceArea_IsRejected()
    {
        // A bow tie: (0,0) (1,1) (1,0) (0,1) crosses itself.
        var message = await StartFailsAsync(new Dictionary<string, string?>
        {
            ["Region:ServiceArea:0:0"] = "11.50", ["Region:ServiceArea:0:1"] = "49.98",
            ["Region:ServiceArea:1:0"] = "11.59", ["Region:ServiceArea:1:1"] = "50.03",
            ["Region:ServiceArea:2:0"] = "11.59", ["Region:ServiceArea:2:1"] = "49.98",
            ["Region:ServiceArea:3:0"] = "11.50", ["Region:ServiceArea:3:1"] = "50.03",
            ["Region:ServiceArea:4:0"] = "11.50", ["Region:ServiceArea:4:1"] = "50.03",
        });
        Assert.Contains("Region:ServiceArea is self-intersecting", message);
    }

    [Fact]
    public async Task StopOutsideServiceArea_IsRejected()
    {
        var message = await StartFailsAsync(new Dictionary<string, string?>
        {
            ["Region:Stops:0:Id"] = "stop-far", ["Region:Stops:0:Name"] = "Far", ["Region:Stops:0:Lat"] = "49.5", ["Region:Stops:0:Lon"] = "11.5",
        });
        Assert.Contains("Region:Stops:0 (stop-far)", message);
    }

    [Fact]
    public void PostgresProvider_WithConnectionString_Validates()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            PostgresConnectionString = "Host=127.0.0.1;Database=dm;Username=dm;Password=x",
        });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void DataDirectory_TildeAndRelativePaths_AreResolvedToAbsolutePaths()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, "dm-data"), DataDirectory.Resolve("~/dm-data"));
        Assert.Equal(Path.GetFullPath("rel/data"), DataDirectory.Resolve("rel/data"));
        Assert.True(Path.IsPathRooted(DataDirectory.Default));
    }

    [Fact]
    public void ServiceAreaPolygon_OnARectangle_AgreesWithTheBoundsCheck()
    {
        var rectangle = new ServiceAreaPolygon([[11.5, 49.9], [11.7, 49.9], [11.7, 50.1], [11.5, 50.1], [11.5, 49.9]]);
        // Reference: a point strictly inside the bounds is inside; strictly outside is outside (boundary excluded).
        var coordinate = Gen.Choose(0, 4000).Select(i => i / 10000.0); // 0..0.4 degrees
        var points = coordinate.SelectMany(x => coordinate.Select(y => (Lon: 11.4 + x, Lat: 49.8 + y)));
        var property = Prop.ForAll(points.ToArbitrary(), p =>
        {
            var onBoundary = p.Lon is 11.5 or 11.7 || p.Lat is 49.9 or 50.1;
            var inside = p.Lon > 11.5 && p.Lon < 11.7 && p.Lat > 49.9 && p.Lat < 50.1;
            return onBoundary || rectangle.Contains(p.Lat, p.Lon) == inside;
        });
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void ShippedSettings_MapToValidEngineOptions_AndLocalShiftTimes()
    {
        using var host = BuildHost();
        var services = host.Services;
        var region = services.GetRequiredService<IOptions<RegionOptions>>().Value;
        var dispatch = services.GetRequiredService<IOptions<DispatchOptions>>().Value;
        var fleet = services.GetRequiredService<IOptions<FleetOptions>>().Value;

        var engine = EngineSettingsMapping.ToEngineOptions(dispatch, region);
        Assert.Empty(engine.Validate());
        Assert.Equal(dispatch.PromiseWindow, engine.PromiseWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), engine.FixStoreInterval);
        Assert.Equal(TimeSpan.FromDays(dispatch.BookingHorizonDays), engine.BookingHorizon);
        Assert.True(engine.ServiceArea!.Contains(new DemandMobility.Dispatch.Geo.GeoPoint(fleet.Vehicles[0].DepotLat, fleet.Vehicles[0].DepotLon)));

        var winter = EngineSettingsMapping.ToRegistrations(fleet, region, new DateOnly(2026, 11, 23));
        var summer = EngineSettingsMapping.ToRegistrations(fleet, region, new DateOnly(2026, 7, 6));
        Assert.Equal(6, winter.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(1)), winter[0].ShiftStart);
        Assert.Equal(new DateTimeOffset(2026, 7, 6, 6, 0, 0, TimeSpan.FromHours(2)), summer[0].ShiftStart);
        Assert.Equal(new DemandMobility.Optimization.Model.LoadVector(8, 1, 4, 2), winter[0].Capacity);
    }
}
