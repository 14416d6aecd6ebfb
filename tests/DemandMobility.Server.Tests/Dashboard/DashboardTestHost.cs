using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The real dispatch host (SQLite, the embedded region, a fake clock) with an HTTP/1.1 client for its dashboard.</summary>
internal sealed class DashboardTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private DashboardTestHost(TempDirectory dir, DispatchTestServer server)
    {
        _dir = dir;
        Server = server;
        var address = server.DashboardAddress!;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public DispatchTestServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<DashboardTestHost> StartAsync()
    {
        var dir = new TempDirectory();
        var server = await DispatchTestServer.StartAsync(dir.Path);
        return new DashboardTestHost(dir, server);
    }

    /// <summary>GET <paramref name="path"/> with an optional bearer token.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    /// <summary>GET as a dispatcher, expecting 200, parsed as JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path, Scenario.Dispatcher(Server));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
