using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand.Osm;

namespace DemandMobility.Simulator.Demand.Generation;

/// <summary>
/// Pupils of the morning school run: for each school, its pupils' homes are drawn uniformly from the residential
/// road nodes within the catchment (so denser villages get more pupils) but beyond walking distance; each pupil's
/// age group is drawn by share among the groups the school teaches and fixes the ride-time limit; every pupil must
/// arrive <c>arrival_margin_minutes</c> before the bell.
/// </summary>
internal static class SchoolDemandGenerator
{
    private const string Source = "school";

    public static void Generate(SchoolDemandSettings settings, IReadOnlyList<ResolvedSchool> schools, DemandContext context,
        DemandGeography geo, Random random, List<DemandTrip> trips, List<DemandIssue> issues)
    {
        var groupShares = new double[settings.AgeGroups.Count];
        foreach (var school in schools)
        {
            var candidates = new List<int>();
            foreach (int i in geo.Grid.Within(school.Location, settings.CatchmentKm * 1000))
                if (GeoMath.HaversineMetres(school.Location, geo.Home(i)) >= settings.MinDistanceKm * 1000)
                    candidates.Add(i);
            if (candidates.Count == 0)
            {
                issues.Add(new DemandIssue(Source, null, string.Create(CultureInfo.InvariantCulture,
                    $"school \"{school.Site.Id}\": no residential road between {settings.MinDistanceKm} and {settings.CatchmentKm} km inside the service area; its {school.Pupils} pupils were not generated")));
                continue;
            }

            for (int g = 0; g < groupShares.Length; g++)
                groupShares[g] = school.Teaches(settings.AgeGroups[g].Name) ? settings.AgeGroups[g].Share : 0;

            var latestArrival = context.DayStart + school.Bell - TimeSpan.FromMinutes(settings.ArrivalMarginMinutes);
            var request = context.DayStart + school.RequestOffset;
            for (int p = 1; p <= school.Pupils; p++)
            {
                var home = geo.Home(candidates[random.Next(candidates.Count)]);
                var group = settings.AgeGroups[WeightedChoice.Pick(groupShares, random)];
                int wheelchair = random.NextDouble() < settings.WheelchairShare ? 1 : 0;
                string id = string.Create(CultureInfo.InvariantCulture, $"pupil-{school.Site.Id}-{p:D4}");
                trips.Add(new DemandTrip(id, request, null, latestArrival, home, school.Location, 1, wheelchair, TripKind.Pupil,
                    Group: settings.SeparateVehiclesPerSchool ? school.Site.Id : null,
                    MaxRideTime: TimeSpan.FromMinutes(group.MaxRideMinutes)));
            }
        }
    }
}
