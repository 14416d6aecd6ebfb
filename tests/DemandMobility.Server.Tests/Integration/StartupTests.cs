using DemandMobility.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Bad configuration or road data stops the host at start with a message naming the problem.</summary>
public sealed class StartupTests
{
    private static async Task<string> StartFailureAsync(params string[] extra)
    {
        using var dir = new TempDirectory();
        string[] args = ["--urls", "http://127.0.0.1:0", "--DataDirectory", dir.Path, "--Logging:LogLevel:Default", "None", .. extra];
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var app = DispatchServerHost.Create(args);
            await app.StartAsync();
            await app.StopAsync();
        });
        Assert.NotNull(error);
        return StartupFailure.Describe(error) ?? throw new Xunit.Sdk.XunitException($"Unexpected start-up failure: {error}");
    }

    [Fact]
    public async Task An_invalid_setting_is_named()
    {
        var message = await StartFailureAsync("--Routing:GraphFile", SharedRoadGraph.GraphPath, "--Dispatch:PromiseWindow", "00:00:00");
        Assert.Contains("Dispatch:PromiseWindow", message);
    }

    [Fact]
    public async Task Missing_road_data_is_an_error_not_a_silent_fallback()
    {
        var message = await StartFailureAsync("--Routing:PbfPath", "no-such-dir/missing.osm.pbf");
        Assert.Contains("missing.osm.pbf", message);
    }

    [Fact]
    public async Task A_malformed_url_is_named()
    {
        var message = await StartFailureAsync("--urls", "ftp://127.0.0.1:21");
        Assert.Contains("ftp://127.0.0.1:21", message);
    }

    [Fact]
    public void Unexpected_exceptions_are_not_disguised_as_operator_errors()
    {
        Assert.Null(StartupFailure.Describe(new NullReferenceException()));
        Assert.NotNull(StartupFailure.Describe(new OptionsValidationException("x", typeof(object), ["Jwt:Issuer must not be empty."])));
    }
}
