using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand.Csv;
using DemandMobility.Simulator.Demand.Generation;
using DemandMobility.Simulator.Demand.Osm;

namespace DemandMobility.Simulator.Demand;

/// <summary>Builds the demand of one simulated day from the scenario's demand section.</summary>
public static class DemandBuilder
{
    // Each part draws from its own random stream, so adding parcels to a scenario does not change its passengers.
    private const int PassengerStream = 1;
    private const int SchoolStream = 2;
    private const int ParcelStream = 3;

    /// <summary>
    /// Generates or reads the day's trips: passengers (synthetic or CSV), then pupils and parcels when configured.
    /// Deterministic for <see cref="DemandContext.Seed"/>; trips are sorted by request time, then id (ordinal).
    /// Bad CSV rows (with <c>on_error: skip</c>) and generation shortfalls are returned as issues.
    /// </summary>
    /// <exception cref="DemandSettingsException">The section is inconsistent (the message names the key).</exception>
    /// <exception cref="DemandFileException">The CSV file is missing or has no usable header, or has a bad row with <c>on_error: reject</c>.</exception>
    /// <exception cref="FileNotFoundException">The OSM extract is needed but missing.</exception>
    /// <exception cref="Routing.Pbf.PbfFormatException">The OSM extract is not a readable PBF file.</exception>
    public static DemandSet Build(DemandSettings settings, DemandContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var problems = DemandSettingsValidator.Validate(settings);
        if (problems.Count > 0)
            throw new DemandSettingsException(problems);

        var trips = new List<DemandTrip>();
        var issues = new List<DemandIssue>();
        DemandGeography? geo = NeedsOsm(settings) ? new DemandGeography(OsmDemandCatalog.Load(context.PbfPath), context.Area) : null;

        if (settings.Mode == DemandMode.Csv)
            CsvDemandReader.Read(settings.Csv!, context, trips, issues);
        else
            SyntheticPassengerGenerator.Generate(settings, context, geo!, Stream(context.Seed, PassengerStream), trips, issues);

        if (settings.School is { } school)
        {
            var schools = ResolveSchools(school, geo!, context);
            SchoolDemandGenerator.Generate(school, schools, context, geo!, Stream(context.Seed, SchoolStream), trips, issues);
        }
        if (settings.Parcels is { } parcels)
            ParcelDemandGenerator.Generate(parcels, settings, context, geo, Stream(context.Seed, ParcelStream), trips, issues);

        trips.Sort(static (a, b) =>
        {
            int c = a.RequestTime.CompareTo(b.RequestTime);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new DemandSet([.. trips], [.. issues]);
    }

    private static bool NeedsOsm(DemandSettings s) =>
        s.Mode == DemandMode.Synthetic && s.TripsPerDay > 0
        || s.School is not null
        || s.Parcels is { ParcelsPerDay: > 0 } p && (p.Senders is not { Count: > 0 } || p.PickupStations is not { Count: > 0 });

    private static Random Stream(int seed, int stream) => new(unchecked(seed * 1_000_003 + stream * 7919));

    private static List<ResolvedSchool> ResolveSchools(SchoolDemandSettings settings, DemandGeography geo, DemandContext context)
    {
        var problems = new List<string>();
        int explicitPupils = settings.Schools.Sum(s => s.Pupils ?? 0);
        int withoutCount = settings.Schools.Count(s => s.Pupils is null);
        int rest = Math.Max(0, settings.Pupils - explicitPupils);
        var resolved = new List<ResolvedSchool>();
        int unassigned = 0;
        for (int i = 0; i < settings.Schools.Count; i++)
        {
            var site = settings.Schools[i];
            string key = $"demand.school.schools[{i}]";
            GeoPoint? location = site.Lat is { } lat && site.Lon is { } lon ? new GeoPoint(lat, lon) : FindOsmSchool(site.Name!, geo);
            if (location is null)
            {
                problems.Add($"{key}: no amenity=school named like \"{site.Name}\" inside the service area of {context.PbfPath}; give lat and lon");
                continue;
            }
            DayTime.TryParse(site.Bell, out var bell);
            var request = TimeSpan.Zero;
            if (!settings.RequestedAtDayStart)
                DayTime.TryParse(settings.RequestAt, out request);
            int pupils = site.Pupils ?? rest / withoutCount + (unassigned++ < rest % withoutCount ? 1 : 0);
            resolved.Add(new ResolvedSchool(site, location.Value, bell, request, pupils));
        }
        if (problems.Count > 0)
            throw new DemandSettingsException(problems);
        return resolved;
    }

    private static GeoPoint? FindOsmSchool(string name, DemandGeography geo)
    {
        foreach (var poi in geo.Pois)
            if (poi.Category == "school" && poi.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                return poi.Point;
        return null;
    }
}
