using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Planner;

/// <summary>
/// Submitted pupils as the simulator's demand: a demand file (simulator/README.md, <c>"mode": "csv"</c>) with one pupil
/// trip per pupil from home to its school, arriving by the bell minus <c>arrival_margin_minutes</c>, requested when the
/// school section says, with its school as service group when vehicles are kept apart per school. The school section
/// stays in the scenario (its tariff bills the run) but generates no pupils of its own.
/// </summary>
public static partial class SchoolPupilDemand
{
    /// <summary>Most pupils one run takes (a county's morning run is a few thousand).</summary>
    public const int MaxPupils = 20_000;

    /// <summary>Name of the stored input.</summary>
    public const string InputName = "pupils.csv";

    /// <summary>Checks the pupils against the scenario's school section and writes the demand file's text.</summary>
    /// <exception cref="PlannerJobException">The scenario has no school section, or a pupil is bad (the field is named, e.g. <c>pupils[3].school_id</c>).</exception>
    public static string ToCsv(LoadedScenario scenario, IReadOnlyList<SchoolPupil> pupils)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(pupils);
        var school = RequireSchoolSection(scenario);
        if (pupils.Count > MaxPupils)
            throw Invalid("pupils", string.Create(CultureInfo.InvariantCulture, $"{pupils.Count} pupils; at most {MaxPupils} in one run."));
        var sites = new Dictionary<string, (int Index, SchoolSite Site)>(StringComparer.Ordinal);
        for (int i = 0; i < school.Schools.Count; i++) sites.TryAdd(school.Schools[i].Id, (i, school.Schools[i]));
        string requestAt = school.RequestAt is "day_start" or "evening_before" ? scenario.Settings.DayStart : school.RequestAt;

        var csv = new StringBuilder("id,request_time,earliest_pickup,latest_arrival,origin_lat,origin_lon,dest_lat,dest_lon,passengers,wheelchair,kind,group,max_ride_minutes\n");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < pupils.Count; i++)
        {
            var p = pupils[i];
            string key = $"pupils[{i}]";
            if (p.Id is null || !PupilIdPattern().IsMatch(p.Id)) throw Invalid($"{key}.id", $"'{p.Id}' is not a pupil id (1-40 of letters, digits, '-', '_', '.').");
            if (!seen.Add(p.Id)) throw Invalid($"{key}.id", $"'{p.Id}' is given twice.");
            if (!double.IsFinite(p.Lat) || p.Lat is < -90 or > 90 || !double.IsFinite(p.Lon) || p.Lon is < -180 or > 180 || (p.Lat == 0 && p.Lon == 0))
                throw Invalid($"{key}.home", string.Create(CultureInfo.InvariantCulture, $"({p.Lat}, {p.Lon}) is not a home location (lat -90..90, lon -180..180, not 0/0)."));
            if (!sites.TryGetValue(p.SchoolId ?? "", out var site))
                throw Invalid($"{key}.school_id", $"'{p.SchoolId}' is not a school of the scenario (its schools: {string.Join(", ", school.Schools.Select(s => s.Id))}).");
            if (site.Site.Lat is not { } schoolLat || site.Site.Lon is not { } schoolLon)
                throw Invalid("scenario_json", $"demand.school.schools[{site.Index}] ({site.Site.Id}) needs lat and lon when pupils are submitted.");
            if (p.MaxRideMinutes is { } ride && ride is < 1 or > 180)
                throw Invalid($"{key}.max_ride_minutes", string.Create(CultureInfo.InvariantCulture, $"{ride} must be between 1 and 180 (0 = the school's age group limit)."));
            int maxRide = p.MaxRideMinutes ?? DefaultMaxRide(school, site.Site);
            var latest = Bell(site.Site, site.Index) - TimeSpan.FromMinutes(school.ArrivalMarginMinutes);
            csv.Append(CultureInfo.InvariantCulture,
                $"{p.Id},{requestAt},,{(int)latest.TotalHours:00}:{latest.Minutes:00},{p.Lat:R},{p.Lon:R},{schoolLat:R},{schoolLon:R},1,{(p.Wheelchair ? 1 : 0)},pupil,{(school.SeparateVehiclesPerSchool ? site.Site.Id : "")},{maxRide}\n");
        }
        return csv.ToString();
    }

    /// <summary>The school section, or INVALID_ARGUMENT: a school planning run needs the schools, their bells and the tariff.</summary>
    public static SchoolDemandSettings RequireSchoolSection(LoadedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Demand.School
               ?? throw Invalid("scenario_json", "The scenario has no demand.school section: a school planning run needs the schools (id, lat/lon, bell), the age groups and the tariff.");
    }

    /// <summary>The scenario with the demand file at <paramref name="csvPath"/> as its only demand and no generated pupils.</summary>
    public static LoadedScenario WithPupilFile(LoadedScenario scenario, string csvPath)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var school = RequireSchoolSection(scenario);
        return scenario with
        {
            Demand = scenario.Demand with
            {
                Mode = DemandMode.Csv,
                Csv = new CsvDemandSettings { Path = csvPath, OnError = CsvErrorMode.Reject },
                School = school with { Pupils = 0, Schools = [.. school.Schools.Select(s => s with { Pupils = 0 })] },
                Parcels = null,
            },
        };
    }

    private static int DefaultMaxRide(SchoolDemandSettings school, SchoolSite site)
    {
        var group = site.AgeGroups is { Count: > 0 } names
            ? school.AgeGroups.FirstOrDefault(g => string.Equals(g.Name, names[0], StringComparison.Ordinal))
            : school.AgeGroups.FirstOrDefault();
        return group?.MaxRideMinutes ?? 45;
    }

    private static TimeSpan Bell(SchoolSite site, int index) =>
        TimeSpan.TryParseExact(site.Bell, @"hh\:mm", CultureInfo.InvariantCulture, out var bell) ? bell
            : throw Invalid("scenario_json", $"demand.school.schools[{index}].bell '{site.Bell}' is not HH:mm.");

    private static PlannerJobException Invalid(string field, string message) => new(PlannerJobErrorKind.Invalid, field, $"{field}: {message}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex PupilIdPattern();
}
