using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DemandMobility.Cli.Routing;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Transit.Flex;
using DemandMobility.Transit.Gtfs;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Storage;

namespace DemandMobility.Cli.Transit;

/// <summary>Implementations of the transit verbs.</summary>
internal static class TransitVerbs
{
    /// <summary>The embedded region's illustrative feed inside the repository.</summary>
    public const string DefaultRelativeFeed = "routing-data/transit/illustrative";

    /// <summary>Exit code for a malformed feed.</summary>
    public const int BadFeed = 2;

    /// <summary>The embedded region's on-demand area (as in the server's appsettings.json) and depot.</summary>
    private static readonly GeoPoint[] RegionArea =
        [new(49.977, 11.49), new(49.977, 11.6), new(50.04, 11.6), new(50.043, 11.545), new(50.04, 11.49)];

    private static readonly GeoPoint Depot = new(49.983, 11.585);

    public static int Import(string feed, string? output, TextWriter stdout, TextWriter stderr)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var options = new GtfsImportOptions();
            var timetable = GtfsImporter.Import(feed, options);
            var importTime = sw.Elapsed;
            string file = output ?? TimetableStore.DefaultFilePath(feed);
            TimetableFile.Write(file, timetable, FeedIdentity.Of(feed, TimetableStore.SettingsId(options)));
            stdout.WriteLine($"feed        {feed} ({timetable.FeedName})");
            stdout.WriteLine($"agencies    {timetable.AgencyCount:N0}");
            stdout.WriteLine($"stops       {timetable.StopCount:N0}");
            stdout.WriteLine($"routes      {timetable.RouteCount:N0}");
            stdout.WriteLine($"trips       {timetable.TripCount:N0}");
            stdout.WriteLine($"stop_times  {timetable.StopTimeCount:N0}");
            stdout.WriteLine($"footpaths   {timetable.FootpathCount:N0}");
            stdout.WriteLine($"service days {timetable.ActiveServiceDays():N0} with service between {timetable.FirstServiceDay:yyyy-MM-dd} and {timetable.FirstServiceDay.AddDays(timetable.ServiceDayCount - 1):yyyy-MM-dd}");
            stdout.WriteLine($"time        import {importTime.TotalSeconds:F2} s, total {sw.Elapsed.TotalSeconds:F2} s; wrote {file}");
            return 0;
        }
        catch (GtfsFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadFeed;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadFeed;
        }
    }

    public static int FlexExport(string folder, string? ridesCsv, int priorNotice, TextWriter stdout, TextWriter stderr)
    {
        var rides = new List<ObservedRide>();
        if (ridesCsv is not null)
        {
            if (!File.Exists(ridesCsv)) { stderr.WriteLine($"error: {ridesCsv}: no such file"); return ExitCodes.BadInput; }
            int line = 0;
            foreach (var text in File.ReadLines(ridesCsv))
            {
                if (line++ == 0) continue;
                var parts = text.Split(',');
                if (parts.Length < 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                    || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double r))
                {
                    stderr.WriteLine($"error: {ridesCsv}:{line}: expected direct_s,ride_s");
                    return ExitCodes.BadInput;
                }
                rides.Add(new ObservedRide(d, r));
            }
        }
        var options = new DispatchOptions();
        var model = RideTimeModel.Fit(rides, options.DetourFactor, options.DetourConstant);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var service = new FlexService("DemandMobility Rufbus (embedded region)", "https://example.org/rufbus", "Europe/Berlin", "Rufbus Bayreuth Nord",
            new ServiceArea(RegionArea), 6 * 3600, 23 * 3600, today, today.AddYears(1), priorNotice, (int)options.BookingHorizon.TotalDays);
        FlexExporter.Write(folder, service, model);
        stdout.WriteLine($"wrote GTFS-Flex feed to {folder}: safe duration = {model.SafeFactor} x driving + {model.SafeOffsetMinutes} min " +
                         $"(mean {model.MeanFactor} x + {model.MeanOffsetMinutes} min; {(model.Observations >= 10 ? $"{model.Observations} observed rides" : "promise rule, no observations")})");
        return 0;
    }

    public sealed record PlanArguments(string From, string To, string At, bool ArriveBy, bool Json, string? Feed, string? Pbf, string? Graph, int Vehicles);

    public static async Task<int> PlanAsync(PlanArguments a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!TryPoint(a.From, out var from)) { stderr.WriteLine($"error: --from '{a.From}' is not LAT,LON"); return ExitCodes.BadInput; }
        if (!TryPoint(a.To, out var to)) { stderr.WriteLine($"error: --to '{a.To}' is not LAT,LON"); return ExitCodes.BadInput; }
        string? feed = a.Feed ?? FindDefaultFeed();
        if (feed is null) { stderr.WriteLine($"error: {DefaultRelativeFeed} not found from {Environment.CurrentDirectory}; pass --feed"); return ExitCodes.BadInput; }
        TimetableLoadOutcome loaded;
        try
        {
            loaded = TimetableStore.LoadOrImport(feed);
        }
        catch (GtfsFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadFeed;
        }
        var timetable = loaded.Timetable;
        var clock = ServiceClock.For(timetable.TimeZone);
        if (!TryTime(a.At, clock, out var at)) { stderr.WriteLine($"error: --at '{a.At}' is not HH:MM or YYYY-MM-DDTHH:MM"); return ExitCodes.BadInput; }
        var router = GraphLoader.Load(a.Pbf, a.Graph, stderr, out _);
        if (router is null) return ExitCodes.BadInput;
        var travel = new RoadRouterTravelTimeService(router);

        // Plan as of three hours before the requested time, so any date of the feed can be planned reproducibly.
        var now = at.AddHours(-3);
        var options = new DispatchOptions { ServiceArea = new ServiceArea(RegionArea), PromiseWindow = TimeSpan.FromMinutes(15), MaxWalkingMetres = 400 };
        var engine = await OnDemandFleet.OpenAsync(options, travel, new FixedClock(now), a.Vehicles, Depot, now, at.AddHours(6), cancellationToken: ct);
        var planner = new JourneyPlanner(timetable, engine, travel);
        var plan = await planner.PlanAsync(new JourneyRequest(from, to, at, a.ArriveBy), ct);
        if (a.Json) stdout.WriteLine(JsonSerializer.Serialize(plan.Itineraries.Select(i => ItineraryJson.Of(i, clock)), ItineraryJson.Options));
        else Print(plan, clock, stdout);
        return plan.Itineraries.Length > 0 ? 0 : ExitCodes.Incomplete;
    }

    private static void Print(JourneyPlan plan, ServiceClock clock, TextWriter o)
    {
        if (plan.Itineraries.Length == 0) o.WriteLine("no itinerary found");
        int n = 1;
        foreach (var it in plan.Itineraries)
        {
            o.WriteLine($"itinerary {n++}: {Local(it.Departure, clock)} -> {Local(it.Arrival, clock)} ({(it.Arrival - it.Departure).TotalMinutes:F0} min)");
            foreach (var l in it.Legs)
            {
                string extra = l.Mode switch
                {
                    LegMode.OnDemand when l.LatestDropoff is { } d => $"  [offer {l.Offer!.OfferId}; drop-off guaranteed by {Local(d, clock)}]",
                    LegMode.OnDemand when l.EarliestPickup is { } p => $"  [offer {l.Offer!.OfferId}; waits for the train: pickup from {Local(p, clock)}, window {Local(l.Offer.PromisedPickupStart, clock)}-{Local(l.Offer.PromisedPickupEnd, clock)}]",
                    LegMode.Rail or LegMode.Bus => $"  {l.Route} towards {l.Headsign}",
                    _ => "",
                };
                o.WriteLine($"  {Local(l.Departure, clock)}-{Local(l.Arrival, clock)}  {ItineraryJson.ModeName(l.Mode),-9} {l.From.Name} -> {l.To.Name}{extra}");
            }
        }
        foreach (var note in plan.Notes) o.WriteLine($"note: {note}");
    }

    private static string Local(DateTimeOffset t, ServiceClock clock) => TimeZoneInfo.ConvertTime(t, clock.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static bool TryPoint(string s, out GeoPoint p)
    {
        p = default;
        var parts = s.Split(',');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon)) return false;
        p = new GeoPoint(lat, lon);
        return p.IsValid;
    }

    private static bool TryTime(string s, ServiceClock clock, out DateTimeOffset at)
    {
        at = default;
        if (TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, clock.Zone);
            var date = DateOnly.FromDateTime(localNow.DateTime);
            if (TimeOnly.FromDateTime(localNow.DateTime) > time) date = date.AddDays(1);
            at = Local(date.ToDateTime(time), clock);
            return true;
        }
        if (DateTime.TryParseExact(s, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            at = Local(dt, clock);
            return true;
        }
        return false;
    }

    private static DateTimeOffset Local(DateTime local, ServiceClock clock) => new(local, clock.Zone.GetUtcOffset(local));

    private static string? FindDefaultFeed()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, DefaultRelativeFeed);
            if (Directory.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln"))) break;
        }
        string besideApp = Path.Combine(AppContext.BaseDirectory, DefaultRelativeFeed);
        return Directory.Exists(besideApp) ? besideApp : null;
    }
}
