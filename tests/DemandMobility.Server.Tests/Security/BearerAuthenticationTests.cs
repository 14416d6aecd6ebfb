using System.Net;
using System.Net.Http.Headers;
using DemandMobility.Server.Configuration;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Security;

/// <summary>The handler in a real Kestrel host on a loopback port, wired with the production extension methods.</summary>
public sealed class BearerAuthenticationTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _dir.Path, Args = [] });
        builder.Configuration.AddJsonFile(Configuration.ConfigurationTests.RepositoryFile("src/DemandMobility.Server/appsettings.json"));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _dir.Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDemandMobilityConfiguration();
        builder.AddJwtAuth();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/rider", (HttpContext ctx) => CallerContext.FromPrincipal(ctx.User)!.Subject).RequireAuthorization(Roles.Rider);
        _app.MapGet("/open", () => "ok");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    private string Mint(string role, string subject, string? vehicle = null) =>
        _app!.Services.GetRequiredService<TokenIssuer>().Issue(new CallerContext(role, subject, vehicle), TimeSpan.FromMinutes(10));

    private Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client!.SendAsync(request);
    }

    [Fact]
    public void HostStart_CreatedTheKeyFileInTheDataDirectory()
    {
        Assert.True(File.Exists(Path.Combine(_dir.Path, JwtOptions.DefaultKeyFileName)));
    }

    [Fact]
    public async Task ValidRiderToken_Passes_AndTheCallerIsAvailable()
    {
        using var response = await GetAsync("/rider", Mint(Roles.Rider, "alice"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingToken_Gets401WithBearerChallenge()
    {
        using var response = await GetAsync("/rider", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task InvalidToken_Gets401WithInvalidTokenError()
    {
        using var response = await GetAsync("/rider", "garbage.token.here");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task WrongRole_Gets403()
    {
        using var response = await GetAsync("/rider", Mint(Roles.Driver, "d-1", "bus-1"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousEndpoint_StillWorksWithoutToken()
    {
        using var response = await GetAsync("/open", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
