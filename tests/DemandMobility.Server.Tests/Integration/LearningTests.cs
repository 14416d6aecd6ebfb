using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The learning loop's wiring and the dispatcher's reset of learned travel times through real gRPC calls.</summary>
public sealed class LearningTests
{
    private static readonly Dictionary<string, string?> LearningOn = new()
    {
        ["Learning:Enabled"] = "true",
        ["Learning:Interval"] = "00:05:00",
    };

    [Fact]
    public async Task With_learning_enabled_the_engine_plans_on_the_learned_times_and_a_dispatcher_resets_them()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, LearningOn);
        var learning = server.Services.GetRequiredService<TravelTimeLearning>();
        Assert.Same(learning.Travel, server.Services.GetRequiredService<ITravelTimeService>());

        // A quote still works on the learning's travel times.
        var quote = await server.Booking.RequestQuoteAsync(Scenario.Quote(server, "learn-1"), DispatchTestServer.As(Scenario.Rider(server)));
        Assert.NotNull(quote.Offer);

        var reply = await server.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(),
            DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal(server.Clock.GetUtcNow(), reply.ResetAt.ToDateTimeOffset());
        // The reset saves the (now empty) evidence to the data folder, so it survives a restart.
        Assert.True(File.Exists(Path.Combine(dir.Path, "learned-travel-times.dmlt")));
        Assert.Same(learning.Profile, learning.Travel.Router);
    }

    [Fact]
    public async Task The_reset_is_served_as_json_over_http_1_1_for_dispatchers_only()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, LearningOn);
        using var http = new HttpClient { BaseAddress = server.DashboardAddress, Timeout = TimeSpan.FromSeconds(30) };
        async Task<HttpStatusCode> PostAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/learned-travel-times:reset") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Scenario.Dispatcher(server)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(server.Token(Roles.Planner, "planning")));
    }

    [Fact]
    public async Task Only_dispatchers_reset_learned_travel_times()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, LearningOn);
        foreach (var token in new[] { server.Token(Roles.Planner, "planning"), Scenario.Rider(server), server.Token(Roles.Driver, "d", "bus-1") })
        {
            var error = await Scenario.FailsAsync(() => server.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(),
                DispatchTestServer.As(token)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    [Fact]
    public async Task Without_learning_the_reset_is_a_failed_precondition()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        Assert.IsType<RoadRouterTravelTimeService>(server.Services.GetRequiredService<ITravelTimeService>());
        var error = await Scenario.FailsAsync(() => server.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(),
            DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task A_bad_learning_setting_stops_the_start_with_a_message_naming_it()
    {
        using var dir = new TempDirectory();
        string[] args = ["--urls", "http://127.0.0.1:0", "--DataDirectory", dir.Path, "--Logging:LogLevel:Default", "None",
            "--Routing:GraphFile", SharedRoadGraph.GraphPath, "--Learning:Enabled", "true", "--Learning:FileName", "../outside.dmlt"];
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var app = DispatchServerHost.Create(args);
            await app.StartAsync();
            await app.StopAsync();
        });
        Assert.NotNull(error);
        Assert.Contains("Learning:FileName", StartupFailure.Describe(error));
    }
}
