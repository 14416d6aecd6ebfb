using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Tests.Integration;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The page and the API's access rules over real HTTP/1.1.</summary>
public sealed partial class DashboardPageAndAuthTests
{
    /// <summary>The one absolute URL the page may contain: the SVG namespace name (an identifier, never fetched).</summary>
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_page_is_self_contained_html_over_http_1_1()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.GetAsync("/dashboard/", token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/dashboard/api/\"", html);

        // No external asset: every absolute URL is the SVG namespace, no protocol-relative src/href, no @import.
        foreach (Match m in AbsoluteUrl().Matches(html)) Assert.Equal(SvgNamespace, m.Value);
        Assert.DoesNotMatch(ProtocolRelative(), html);
        Assert.DoesNotContain("@import", html);
        // The browser enforces the same: only the page's own hashed script and same-origin requests.
        string csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Matches("script-src 'sha256-[A-Za-z0-9+/=]+'", csp);

        using var root = await host.GetAsync("/", token: null);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode); // redirected to the page
        Assert.Equal("/dashboard/", root.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_api_requires_a_valid_dispatcher_token()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        string[] paths = ["/dashboard/api/snapshot", "/dashboard/api/fleet", "/dashboard/api/bookings", "/dashboard/api/kpis",
            "/dashboard/api/alerts", "/dashboard/api/network", "/dashboard/api/vehicles/bus-1/manifest"];
        foreach (var path in paths)
        {
            using var missing = await host.GetAsync(path, token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", Assert.Single(missing.Headers.WwwAuthenticate).Scheme);
            Assert.Contains("Authorization header is missing", await ErrorOf(missing));
        }

        using var garbage = await host.GetAsync(paths[0], "not-a-jwt");
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Contains("invalid_token", garbage.Headers.WwwAuthenticate.ToString());
        Assert.False(string.IsNullOrWhiteSpace(await ErrorOf(garbage)));

        var expired = server.TokenIssuedAt(DateTimeOffset.UtcNow.AddHours(-3), Roles.Dispatcher, "control", TimeSpan.FromHours(1));
        using var old = await host.GetAsync(paths[0], expired);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("expired", await ErrorOf(old));

        foreach (var role in new[] { Roles.Rider, Roles.Shop })
        {
            using var forbidden = await host.GetAsync(paths[0], server.Token(role, "someone"));
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            string error = await ErrorOf(forbidden);
            Assert.Contains($"'{role}'", error);
            Assert.Contains("'dispatcher'", error);
        }
        using var driver = await host.GetAsync(paths[0], server.Token(Roles.Driver, "d1", "bus-1"));
        Assert.Equal(HttpStatusCode.Forbidden, driver.StatusCode);

        using var ok = await host.GetAsync(paths[0], Scenario.Dispatcher(server));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var unknown = await host.GetAsync("/dashboard/api/nothing", Scenario.Dispatcher(server));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("/dashboard/api/nothing", await ErrorOf(unknown));
    }

    [Fact]
    public async Task Other_methods_than_get_answer_405_not_404()
    {
        await using var host = await DashboardTestHost.StartAsync();
        foreach (var path in new[] { "/dashboard/api/snapshot", "/dashboard/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}") };
            using var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("GET", response.Content.Headers.Allow);
            Assert.Contains("GET only", await ErrorOf(response));
        }
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    [GeneratedRegex(@"https?://[^\s""'`<>)]+")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"(src|href)\s*=\s*[""']//")]
    private static partial Regex ProtocolRelative();
}
