using DemandMobility.Routing.Graph;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The <c>Dashboard</c> section: defaults, the derived address and clear errors.</summary>
public sealed class DashboardSettingsTests
{
    private static readonly RegionOptions Region = new() { Name = "Test", TimeZone = "Europe/Berlin" };

    [Theory]
    [InlineData(null, "http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:7000;https://0.0.0.0:7001", "http://127.0.0.1:7080")]
    [InlineData("http://*:6000", "http://127.0.0.1:6080")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0")]
    public void Without_a_url_the_dashboard_listens_on_loopback_next_to_the_grpc_port(string? rpcUrls, string expected)
    {
        var settings = DashboardHostExtensions.Resolve(new DashboardOptions(), rpcUrls, Region);
        Assert.Equal(expected, settings.Url);
        Assert.Equal(RoadClass.Residential, settings.MapRoadClass);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.RefreshInterval);
    }

    [Theory]
    [InlineData("Url", "https://127.0.0.1:5080")]
    [InlineData("Url", "http://127.0.0.1:5080;http://127.0.0.1:5081")]
    [InlineData("Url", "127.0.0.1:5080")]
    [InlineData("Url", "http://127.0.0.1:5080/dash")]
    [InlineData("RefreshInterval", "00:00:00.5")]
    [InlineData("StaleFixAfter", "1.00:00:00")]
    [InlineData("LateAfter", "-00:01:00")]
    [InlineData("MapRoadClass", "Footway")]
    [InlineData("MapRoadClass", "3")]
    public void A_bad_setting_is_named_in_the_error(string key, string value)
    {
        var options = new DashboardOptions();
        switch (key)
        {
            case "Url": options.Url = value; break;
            case "RefreshInterval": options.RefreshInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "StaleFixAfter": options.StaleFixAfter = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "LateAfter": options.LateAfter = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.MapRoadClass = value; break;
        }
        var error = Assert.Throws<ArgumentException>(() => DashboardHostExtensions.Resolve(options, null, Region));
        Assert.Contains("Dashboard:" + key, error.Message);
        Assert.NotNull(StartupFailure.Describe(error)); // one clear line at start, no stack trace
    }

    [Fact]
    public async Task A_disabled_dashboard_listens_nowhere()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, new Dictionary<string, string?> { ["Dashboard:Enabled"] = "false" });
        Assert.Null(server.DashboardAddress);
    }

    [Fact]
    public async Task An_address_in_use_stops_the_start_with_a_message_naming_the_setting()
    {
        using var dir = new TempDirectory();
        await using var first = await DispatchTestServer.StartAsync(dir.Path);
        string taken = first.DashboardAddress!.ToString().TrimEnd('/');
        using var other = new TempDirectory();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DispatchTestServer.StartAsync(other.Path, new Dictionary<string, string?> { ["Dashboard:Url"] = taken }));
        string? message = StartupFailure.Describe(error);
        Assert.NotNull(message);
        Assert.Contains("Dashboard:Url", message);
    }
}
