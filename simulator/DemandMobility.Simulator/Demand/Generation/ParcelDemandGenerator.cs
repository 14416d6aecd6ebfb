using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand.Osm;

namespace DemandMobility.Simulator.Demand.Generation;

/// <summary>
/// KombiBUS parcels: a sender (village shop, farm shop, craft producer) drawn uniformly submits a parcel at a time
/// drawn uniformly in the submission window; it goes to a pickup station drawn with weight exp(−distance / decay)
/// (customers collect near where the sender sells), at least <c>min_trip_metres</c> away; it is ready
/// <c>ready_after_minutes</c> later and must be delivered within <c>delivery_window_minutes</c> of being ready.
/// </summary>
internal static class ParcelDemandGenerator
{
    private const string Source = "parcels";

    public static void Generate(ParcelDemandSettings settings, DemandSettings demand, DemandContext context, DemandGeography? geo,
        Random random, List<DemandTrip> trips, List<DemandIssue> issues)
    {
        if (settings.ParcelsPerDay == 0)
            return;
        var senders = Senders(settings, geo);
        var stations = Stations(settings, geo);
        if (senders.Count == 0 || stations.Count == 0)
        {
            issues.Add(new DemandIssue(Source, null, senders.Count == 0
                ? "no parcel senders (shop=*, craft=* inside the service area, or parcels.senders); no parcels generated"
                : "no pickup stations (town halls, stations, supermarkets in bigger villages, or parcels.pickup_stations); no parcels generated"));
            return;
        }

        DayTime.TryParse(settings.FirstSubmission, out var first);
        DayTime.TryParse(settings.LastSubmission, out var last);
        var sizeShares = new double[settings.Sizes.Count];
        for (int i = 0; i < sizeShares.Length; i++)
            sizeShares[i] = settings.Sizes[i].Share;
        var weights = new double[stations.Count];
        double decayMetres = demand.DistanceDecayKm * 1000;

        int made = 0, failures = 0;
        while (made < settings.ParcelsPerDay)
        {
            var sender = senders[random.Next(senders.Count)];
            for (int j = 0; j < stations.Count; j++)
            {
                double d = GeoMath.HaversineMetres(sender, stations[j]);
                weights[j] = d < demand.MinTripMetres ? 0 : Math.Exp(-d / decayMetres);
            }
            int pick = WeightedChoice.Pick(weights, random);
            if (pick < 0)
            {
                if (++failures >= 50)
                {
                    issues.Add(new DemandIssue(Source, null, string.Create(CultureInfo.InvariantCulture,
                        $"only {made} of {settings.ParcelsPerDay} parcels generated: no pickup station at least {demand.MinTripMetres} m from the senders")));
                    return;
                }
                continue;
            }
            failures = 0;
            made++;

            double second = first.TotalSeconds + random.NextDouble() * (last - first).TotalSeconds;
            var submitted = context.DayStart.AddSeconds(Math.Round(second));
            var ready = submitted.AddMinutes(settings.ReadyAfterMinutes);
            var deliverBy = ready.AddMinutes(settings.DeliveryWindowMinutes);
            int units = settings.Sizes[WeightedChoice.Pick(sizeShares, random)].Units;
            string id = string.Create(CultureInfo.InvariantCulture, $"parcel-{made:D4}");
            trips.Add(new DemandTrip(id, submitted, ready, null, sender, stations[pick], 0, 0, TripKind.Parcel,
                ParcelUnits: units, DeliverBy: deliverBy));
        }
    }

    private static List<GeoPoint> Senders(ParcelDemandSettings settings, DemandGeography? geo)
    {
        if (settings.Senders is { Count: > 0 } given)
            return given.Select(p => new GeoPoint(p.Lat, p.Lon)).ToList();
        var list = new List<GeoPoint>();
        if (geo is not null)
            foreach (var poi in geo.Pois)
                if (poi.Category is "shop" or "producer")
                    list.Add(poi.Point);
        return list;
    }

    private static List<GeoPoint> Stations(ParcelDemandSettings settings, DemandGeography? geo)
    {
        if (settings.PickupStations is { Count: > 0 } given)
            return given.Select(p => new GeoPoint(p.Lat, p.Lon)).ToList();
        var list = new List<GeoPoint>();
        if (geo is null)
            return list;
        var big = geo.Settlements.Where(s => s.Population >= settings.StationMinPopulation).ToList();
        foreach (var poi in geo.Pois)
        {
            if (poi.Category is not ("town_hall" or "station") && poi.Tag != "shop=supermarket")
                continue;
            foreach (var s in big)
            {
                if (GeoMath.HaversineMetres(poi.Point, s.Centre) <= s.RadiusMetres)
                {
                    list.Add(poi.Point);
                    break;
                }
            }
        }
        // When the extract maps none of these POIs, the bigger settlements' centres serve as stations.
        if (list.Count == 0)
            foreach (var s in big)
                list.Add(s.Centre);
        return list;
    }
}
