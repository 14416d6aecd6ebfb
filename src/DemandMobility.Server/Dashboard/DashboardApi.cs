using System.Text.Json;
using System.Globalization;
using System.Security.Claims;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Routing;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The dashboard's HTTP endpoints: the page at <c>/dashboard/</c> and the JSON API under <c>/dashboard/api/</c>
/// (console policy: the host's JwtBearer scheme and <see cref="Roles.Dispatcher"/> or the read-only <see cref="Roles.Planner"/>). Handlers only check access and serialise what <see cref="DashboardSnapshotBuilder"/> reads.
/// </summary>
internal sealed partial class DashboardApi(
    DashboardSnapshotBuilder snapshots, PlannedRouteLayer routes, Func<RoadRouter> router, Func<IConsoleSource> engine, DashboardSettings settings, ILogger logger,
    Func<Routing.Places.PlaceIndex?> places)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<DashboardPage> _page = new(DashboardPage.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private Lazy<byte[]>? _network;
    private Lazy<byte[]>? _places;

    /// <summary>Maps every route on <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        _network = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(RoadNetworkLayer.Build(router().Graph, settings.MapRoadClass), Json),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _places = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(PlaceLabelLayer.Build(places()), Json), LazyThreadSafetyMode.ExecutionAndPublication);
        app.MapGet("/", () => Results.Redirect("/dashboard/"));
        // Routing ignores a trailing slash: this answers /dashboard and /dashboard/.
        app.MapGet("/dashboard/", (Func<HttpContext, IResult>)Page);
        Guard(app, "/dashboard/api/network", (_, _) => Task.FromResult(Results.Bytes(_network.Value, "application/json; charset=utf-8")));
        Guard(app, "/dashboard/api/places", (_, _) => Task.FromResult(Results.Bytes(_places.Value, "application/json; charset=utf-8")));
        // The rider app draws the same road map: riders may read it (and only it) on their own path.
        Guard(app, "/app/api/network", (_, _) => Task.FromResult(Results.Bytes(_network.Value, "application/json; charset=utf-8")), Policies.Places);
        Guard(app, "/dashboard/api/snapshot", async (_, ct) => Results.Json(await snapshots.BuildAsync(ct), Json));
        Guard(app, "/dashboard/api/fleet", async (_, ct) => Results.Json((await snapshots.BuildAsync(ct)).Vehicles, Json));
        Guard(app, "/dashboard/api/bookings", async (_, ct) => Results.Json((await snapshots.BuildAsync(ct)).Bookings, Json));
        Guard(app, "/dashboard/api/kpis", async (_, ct) => Results.Json((await snapshots.BuildAsync(ct)).Kpis, Json));
        Guard(app, "/dashboard/api/alerts", async (_, ct) => Results.Json((await snapshots.BuildAsync(ct)).Alerts, Json));
        Guard(app, "/dashboard/api/vehicles/{id}/manifest", async (c, ct) =>
        {
            string id = c.Request.RouteValues["id"] as string ?? "";
            return await snapshots.ManifestAsync(id, ct) is { } manifest
                ? Results.Json(manifest, Json)
                : Results.Json(new DashboardError($"Vehicle '{id}' is not registered."), Json, statusCode: StatusCodes.Status404NotFound);
        });
        Guard(app, "/dashboard/api/vehicles/{id}/route", async (c, ct) =>
        {
            string id = c.Request.RouteValues["id"] as string ?? "";
            return await routes.BuildAsync(id, ct) is { } route
                ? Results.Json(route, Json)
                : Results.Json(new DashboardError($"Vehicle '{id}' is not registered."), Json, statusCode: StatusCodes.Status404NotFound);
        });
        Guard(app, "/dashboard/api/me", (c, _) => Task.FromResult(Results.Json(WhoIs(c.User), Json)));
        Guard(app, "/dashboard/api/replay", ReplayAsync);
        app.MapFallback((Func<HttpContext, IResult>)(c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)
            ? Results.Json(new DashboardError($"'{c.Request.Path}' is not a dashboard address; open /dashboard/ or see docs/dashboard.md for /dashboard/api/*."),
                Json, statusCode: StatusCodes.Status404NotFound)
            : MethodNotAllowed(c)));
    }

    /// <summary>The dashboard only reads: any other method is 405 with <c>Allow: GET</c> (RFC 9110 §15.5.6), not 404.</summary>
    private static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, HEAD";
        return Results.Json(new DashboardError($"{context.Request.Method} is not allowed on '{context.Request.Path}'; the dashboard answers GET only."),
            Json, statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    private IResult Page(HttpContext context)
    {
        var page = _page.Value;
        context.Response.Headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(page.Html, "text/html; charset=utf-8");
    }

    /// <summary>Who the page's token names and whether the page offers actions (planners get a read-only console).</summary>
    private static ConsoleUser WhoIs(ClaimsPrincipal user)
    {
        string role = user.IsInRole(Roles.Dispatcher) ? Roles.Dispatcher : Roles.Planner;
        return new ConsoleUser(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "", role, role == Roles.Dispatcher);
    }

    /// <summary>
    /// <c>replay?at=&lt;ISO 8601&gt;[&amp;sequence=&lt;n&gt;]</c>: the state at that moment, rebuilt from the event log by the engine (read-only).
    /// </summary>
    private async Task<IResult> ReplayAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (!DateTimeOffset.TryParse(query["at"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return Results.Json(new DashboardError("Query 'at' must be an ISO 8601 time, e.g. ?at=2026-03-02T08:15:00Z."), Json, statusCode: StatusCodes.Status400BadRequest);
        long? sequence = null;
        if (!string.IsNullOrEmpty(query["sequence"]))
        {
            if (!long.TryParse(query["sequence"], NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                return Results.Json(new DashboardError("Query 'sequence' must be a whole number ≥ 0 (an event's sequence)."), Json, statusCode: StatusCodes.Status400BadRequest);
            sequence = n;
        }
        var past = await engine().GetStateAtAsync(Reader, at, sequence, cancellationToken);
        return past.IsSuccess
            ? Results.Json(ReplayMapping.ToCard(past.Value!), Json)
            : Results.Json(new DashboardError(past.Error!.Message), Json, statusCode: StatusCodes.Status400BadRequest);
    }

    private static readonly CallerIdentity Reader = CallerIdentity.Dispatcher("dashboard");

    /// <summary>Maps a GET that answers only callers with a dispatcher or planner token (401/403 answered by <c>CallerRejection</c>).</summary>
    private void Guard(WebApplication app, string pattern, Func<HttpContext, CancellationToken, Task<IResult>> read, string policy = Policies.Console) =>
        // Typed as a delegate returning IResult, so the minimal API writes the result (a RequestDelegate would drop it).
        app.MapGet(pattern, (Func<HttpContext, Task<IResult>>)(async context =>
        {
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                return await read(context, context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed read is a bug (here or in the engine): log it, and tell the page what failed instead of an empty 500.
                LogReadFailed(logger, context.Request.Path, ex);
                return Results.Json(new DashboardError($"Reading {context.Request.Path} failed: {ex.GetType().Name}: {ex.Message}"), Json,
                    statusCode: StatusCodes.Status500InternalServerError);
            }
        })).RequireAuthorization(policy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard read {Path} failed.")]
    private static partial void LogReadFailed(ILogger logger, string path, Exception exception);
}
