using System.Net;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace DemandMobility.Server.Tests.Configuration;

/// <summary>Cluster settings checked at start: per-area dispatch rules and the silo's addresses.</summary>
public sealed class ClusterConfigurationTests
{
    private static IConfiguration Shipped(params (string Key, string? Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(ConfigurationTests.RepositoryFile("src/DemandMobility.Server/appsettings.json"), optional: false)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();

    private static IReadOnlyDictionary<string, DispatchOptions> Rules(IConfiguration configuration) =>
        AreaRulesResolver.Resolve(configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>()!,
            configuration.GetSection(DispatchOptions.SectionName).Get<DispatchOptions>()!, configuration);

    [Fact]
    public void An_area_rule_overrides_the_region_rule_for_that_area_only()
    {
        var rules = Rules(Shipped(("Cluster:Areas:0:Rules:MaxWait", "00:40:00"), ("Cluster:Areas:0:Rules:MaxPassengersPerBooking", "3"),
            ("Cluster:Areas:1:Rules:BookingHorizonDays", "14")));

        Assert.Equal(TimeSpan.FromMinutes(40), rules["west"].MaxWait);
        Assert.Equal(3, rules["west"].MaxPassengersPerBooking);
        Assert.Equal(7, rules["west"].BookingHorizonDays);
        Assert.Equal(TimeSpan.FromMinutes(20), rules["east"].MaxWait);
        Assert.Equal(8, rules["east"].MaxPassengersPerBooking);
        Assert.Equal(14, rules["east"].BookingHorizonDays);
        // Settings an area cannot set come from Dispatch unchanged.
        Assert.Equal(1.8, rules["west"].MaxRideTimeFactor);
        Assert.Equal(TimeSpan.FromSeconds(30), rules["east"].ReoptimisationInterval);

        // And reach the area's engine.
        var engine = EngineSettingsMapping.ToEngineOptions(rules["west"], Shipped().GetSection(RegionOptions.SectionName).Get<RegionOptions>()!);
        Assert.Equal(TimeSpan.FromMinutes(40), engine.MaxWait);
        Assert.Equal(3, engine.MaxPassengersPerBooking);
        Assert.Equal(100, engine.MinTripMetres);
        Assert.Equal(4, engine.MaxLuggagePerBooking);
    }

    [Fact]
    public void Bad_area_rules_are_listed_naming_area_and_setting()
    {
        var ex = Assert.Throws<ArgumentException>(() => Rules(Shipped(
            ("Cluster:Areas:0:Rules:MaxWait", "05:00:00"),
            ("Cluster:Areas:1:Rules:MaxPassengersPerBooking", "0"),
            ("Cluster:Areas:1:Rules:MaxWiat", "00:10:00"))));

        Assert.Contains("Cluster:Areas:0 (west):Rules:MaxWait 05:00:00 must be between 00:00:00 and 02:00:00.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Areas:1 (east):Rules:MaxPassengersPerBooking 0 must be 1..60.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Areas:1 (east):Rules:MaxWiat is not a dispatch rule an area can set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_region_rule_is_not_blamed_on_an_area()
    {
        // Dispatch's own validator reports Dispatch:MaxRideTimeFactor; the area only sets MaxWait.
        var rules = Rules(Shipped(("Dispatch:MaxRideTimeFactor", "9"), ("Cluster:Areas:0:Rules:MaxWait", "00:30:00")));
        Assert.Equal(TimeSpan.FromMinutes(30), rules["west"].MaxWait);
        Assert.Contains("Dispatch:MaxRideTimeFactor 9 must be 1..5.", DispatchOptionsValidator.Errors(rules["east"], "Dispatch"));
    }

    [Fact]
    public void Every_area_rule_is_a_dispatch_setting_of_the_same_type_and_unset_rules_copy_every_setting()
    {
        foreach (var name in AreaRulesOptions.Names)
        {
            var rule = typeof(AreaRulesOptions).GetProperty(name)!.PropertyType;
            var setting = typeof(DispatchOptions).GetProperty(name)?.PropertyType;
            Assert.True(setting is not null, $"Dispatch has no setting {name}");
            Assert.Equal(setting, Nullable.GetUnderlyingType(rule) ?? rule);
        }
        var region = new DispatchOptions { MaxWait = TimeSpan.FromMinutes(33), FixStoreInterval = TimeSpan.Zero, MaxStreamsPerCaller = 5, MinTripMeters = 250 };
        var copy = new AreaRulesOptions().ApplyTo(region);
        Assert.NotSame(region, copy);
        foreach (var p in typeof(DispatchOptions).GetProperties())
            Assert.Equal(p.GetValue(region), p.GetValue(copy));
    }

    [Fact]
    public void The_shipped_silo_listens_and_advertises_on_loopback()
    {
        var endpoints = SiloEndpoints.Resolve(Shipped().GetSection(ClusterOptions.SectionName).Get<ClusterOptions>()!);
        Assert.Equal(IPAddress.Loopback, endpoints.Advertised);
        Assert.Equal(IPAddress.Loopback, endpoints.Listen);
        Assert.Equal((11111, 30000), (endpoints.SiloPort, endpoints.GatewayPort));
    }

    [Theory]
    [InlineData("127.0.0.2", "", "127.0.0.2", "127.0.0.2")]
    [InlineData("10.20.30.40", "0.0.0.0", "10.20.30.40", "0.0.0.0")]
    [InlineData("10.20.30.40", "", "10.20.30.40", "10.20.30.40")]
    public void Advertised_and_listen_addresses_resolve(string advertised, string listen, string expectAdvertised, string expectListen)
    {
        var options = new ClusterOptions { Silo = new SiloAddressOptions { AdvertisedAddress = advertised, ListenAddress = listen } };
        var endpoints = SiloEndpoints.Resolve(options, [IPAddress.Parse("10.20.30.40")]);
        Assert.Equal(IPAddress.Parse(expectAdvertised), endpoints.Advertised);
        Assert.Equal(IPAddress.Parse(expectListen), endpoints.Listen);
    }

    [Theory]
    [InlineData("bus-depot", "", "Cluster:Silo:AdvertisedAddress 'bus-depot' is not an IP address")]
    [InlineData("0.0.0.0", "", "Cluster:Silo:AdvertisedAddress '0.0.0.0' is not an address other silos can connect to")]
    [InlineData("239.1.2.3", "0.0.0.0", "Cluster:Silo:AdvertisedAddress '239.1.2.3' is not an address other silos can connect to")]
    [InlineData("10.20.30.41", "", "Cluster:Silo:AdvertisedAddress '10.20.30.41' is not an address of this machine, so the silo cannot listen on it; behind NAT or in a container set Cluster:Silo:ListenAddress to 0.0.0.0")]
    [InlineData("127.0.0.1", "192.0.2.7", "Cluster:Silo:ListenAddress '192.0.2.7' is not an address of this machine")]
    [InlineData("127.0.0.1", "localhost", "Cluster:Silo:ListenAddress 'localhost' is not an IP address")]
    public void Bad_silo_addresses_are_named(string advertised, string listen, string expected)
    {
        var options = new ClusterOptions { Silo = new SiloAddressOptions { AdvertisedAddress = advertised, ListenAddress = listen } };
        var ex = Assert.Throws<ArgumentException>(() => SiloEndpoints.Resolve(options, [IPAddress.Parse("10.20.30.40")]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_or_out_of_range_ports_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => SiloEndpoints.Resolve(new ClusterOptions { SiloPort = 30000, GatewayPort = 30000 }));
        Assert.Contains("Cluster:SiloPort and Cluster:GatewayPort are both 30000", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => SiloEndpoints.Resolve(new ClusterOptions { SiloPort = 70000 }));
        Assert.Contains("Cluster:SiloPort 70000 must be 1..65535.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebalancing_settings_out_of_range_are_named()
    {
        var errors = new DemandMobility.Cluster.Balancing.AreaRebalancingOptions
        {
            Interval = TimeSpan.FromMilliseconds(100), MaxMovesPerRound = 4, Tolerance = 1.5, Cooldown = TimeSpan.FromSeconds(-1),
            AreaBaseLoad = -1, LoadSmoothing = TimeSpan.Zero,
        }.Validate("Cluster:Rebalancing");
        Assert.Contains(errors, e => e.StartsWith("Cluster:Rebalancing:Interval 00:00:00.1000000 must be 00:00:00 (off)", StringComparison.Ordinal));
        Assert.Contains("Cluster:Rebalancing:MaxMovesPerRound 4 must be 1..3.", errors);
        Assert.Contains("Cluster:Rebalancing:Tolerance 1.5 must be 0..1.", errors);
        Assert.Contains(errors, e => e.StartsWith("Cluster:Rebalancing:Cooldown -00:00:01 must be", StringComparison.Ordinal));
        Assert.Contains("Cluster:Rebalancing:AreaBaseLoad -1 must be 0..60000 (milliseconds per minute).", errors);
        Assert.Contains(errors, e => e.StartsWith("Cluster:Rebalancing:LoadSmoothing 00:00:00 must be", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
        Assert.Empty(Shipped().GetSection("Cluster:Rebalancing").Get<DemandMobility.Cluster.Balancing.AreaRebalancingOptions>()!.Validate("Cluster:Rebalancing"));
    }
}
