using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand.Osm;

namespace DemandMobility.Simulator.Demand.Generation;

/// <summary>
/// Synthetic passenger demand, a gravity-style trip distribution (Ortúzar &amp; Willumsen, "Modelling Transport",
/// 4th ed., ch. 5: attraction × deterrence function): homes drawn from settlements in proportion to their
/// population; destinations drawn from POIs in proportion to their category weight × exp(−distance / decay);
/// the departure hour from the time profile; a share of trips returns home after a dwell time.
/// </summary>
internal static class SyntheticPassengerGenerator
{
    private const string Source = "synthetic";
    private const int AttemptsPerTrip = 50;

    public static void Generate(DemandSettings settings, DemandContext context, DemandGeography geo, Random random,
        List<DemandTrip> trips, List<DemandIssue> issues)
    {
        if (settings.TripsPerDay == 0)
            return;
        if (geo.Settlements.IsEmpty)
        {
            issues.Add(new DemandIssue(Source, null, $"no settlements (place=city|town|village|hamlet|isolated_dwelling) inside the service area in {context.PbfPath}; no passenger trips generated"));
            return;
        }

        var population = new double[geo.Settlements.Length];
        for (int i = 0; i < population.Length; i++)
            population[i] = geo.Settlements[i].Population;

        var (destPoints, destAttraction) = Destinations(settings, geo);
        if (destPoints.Length == 0)
        {
            issues.Add(new DemandIssue(Source, null, "no destination of a category with a positive destination_weights entry inside the service area; no passenger trips generated"));
            return;
        }

        var weights = new double[destPoints.Length];
        var partyShares = settings.PartySizeShares.ToArray();
        int made = 0, failures = 0, sequence = 0;
        while (made < settings.TripsPerDay)
        {
            if (!TryDrawPair(settings, geo, population, destPoints, destAttraction, weights, random, out var home, out var dest))
            {
                // A seed whose draws keep failing must not loop forever: give up after many consecutive failures.
                if (++failures >= AttemptsPerTrip)
                {
                    issues.Add(new DemandIssue(Source, null, string.Create(CultureInfo.InvariantCulture,
                        $"only {made} of {settings.TripsPerDay} trips could be generated: no destination at least {settings.MinTripMetres} m from the drawn homes")));
                    return;
                }
                continue;
            }
            failures = 0;

            double second = settings.TimeProfile.SampleSecondOfDay(random);
            int party = 1 + Math.Max(0, WeightedChoice.Pick(partyShares, random));
            int wheelchair = random.NextDouble() < settings.WheelchairShare ? 1 : 0;
            trips.Add(MakeTrip(settings, context, random, ++sequence, home, dest, second, party, wheelchair));
            made++;

            if (made < settings.TripsPerDay && random.NextDouble() < settings.ReturnShare)
            {
                double dwell = Uniform(random, settings.ReturnDwellMinutes[0], settings.ReturnDwellMinutes[1]) * 60;
                // Rounded here as MakeTrip rounds: 86,399.6 s would otherwise become a request at 24:00, the next day.
                double back = Math.Round(second + dwell + GeoMath.HaversineMetres(home, dest) * 1.3 / (40 / 3.6));
                if (back < 24 * 3600)
                {
                    trips.Add(MakeTrip(settings, context, random, ++sequence, dest, home, back, party, wheelchair));
                    made++;
                }
            }
        }
    }

    private static (GeoPoint[] Points, double[] Attraction) Destinations(DemandSettings settings, DemandGeography geo)
    {
        var points = new List<GeoPoint>();
        var attraction = new List<double>();
        foreach (var poi in geo.Pois)
        {
            if (settings.DestinationWeights.TryGetValue(poi.Category, out double w) && w > 0)
            {
                points.Add(poi.Point);
                attraction.Add(w);
            }
        }
        if (settings.DestinationWeights.TryGetValue("village", out double v) && v > 0)
        {
            foreach (var s in geo.Settlements)
            {
                points.Add(s.Centre);
                attraction.Add(v);
            }
        }
        return ([.. points], [.. attraction]);
    }

    private static bool TryDrawPair(DemandSettings settings, DemandGeography geo, double[] population, GeoPoint[] destPoints,
        double[] destAttraction, double[] weights, Random random, out GeoPoint home, out GeoPoint dest)
    {
        int settlement = WeightedChoice.Pick(population, random);
        home = geo.DrawHome(settlement, random);
        dest = default;
        double decayMetres = settings.DistanceDecayKm * 1000;
        for (int j = 0; j < destPoints.Length; j++)
        {
            double d = GeoMath.HaversineMetres(home, destPoints[j]);
            weights[j] = d < settings.MinTripMetres ? 0 : destAttraction[j] * Math.Exp(-d / decayMetres);
        }
        int pick = WeightedChoice.Pick(weights, random);
        if (pick < 0)
            return false;
        dest = destPoints[pick];
        return true;
    }

    private static DemandTrip MakeTrip(DemandSettings settings, DemandContext context, Random random, int sequence,
        GeoPoint from, GeoPoint to, double secondOfDay, int party, int wheelchair)
    {
        var time = context.DayStart.AddSeconds(Math.Min(Math.Round(secondOfDay), 24 * 3600 - 1));
        string id = "r" + sequence.ToString("D6", CultureInfo.InvariantCulture);
        if (random.NextDouble() >= settings.PrebookedShare)
            return new DemandTrip(id, time, time, null, from, to, party, wheelchair, TripKind.Passenger);

        double leadMinutes = Uniform(random, settings.PrebookLeadMinutes[0], settings.PrebookLeadMinutes[1]);
        var request = time.AddMinutes(-Math.Round(leadMinutes));
        // The simulated day starts at DayStart: bookings made the day before arrive when it starts.
        if (request < context.DayStart)
            request = context.DayStart;
        bool arriveBy = random.NextDouble() < settings.ArriveByShare;
        return arriveBy
            ? new DemandTrip(id, request, null, time, from, to, party, wheelchair, TripKind.Passenger)
            : new DemandTrip(id, request, time, null, from, to, party, wheelchair, TripKind.Passenger);
    }

    private static double Uniform(Random random, double low, double high) => low + random.NextDouble() * (high - low);
}
