using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// A vehicle's remaining planned route drawn along the roads: the router's path geometry from the vehicle's last known
/// position through every planned stop of its manifest, in order, simplified like the road layer (Douglas–Peucker).
/// </summary>
internal sealed class PlannedRouteLayer(IConsoleSource engine, Func<RoadRouter> router)
{
    private static readonly CallerIdentity Reader = CallerIdentity.Dispatcher("dashboard");
    private const double SimplifyMetres = 5;
    private const double MetresPerDegree = 111_195;

    /// <summary>The vehicle's route; null when the vehicle is unknown.</summary>
    public async Task<PlannedRoute?> BuildAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var manifest = await engine.GetManifestAsync(Reader, vehicleId, cancellationToken).ConfigureAwait(false);
        if (!manifest.IsSuccess)
            return manifest.Error!.Code == DispatchErrorCode.NotFound ? null
                : throw new InvalidOperationException($"The engine refused the dashboard's manifest read: {manifest.Error.Message}");
        var fleet = await engine.GetFleetAsync(Reader, cancellationToken).ConfigureAwait(false);
        var points = new List<GeoCoordinate>();
        if (fleet.IsSuccess && fleet.Value!.Vehicles.FirstOrDefault(v => v.VehicleId == vehicleId)?.Position is { } here)
            points.Add(new GeoCoordinate(here.Latitude, here.Longitude));
        foreach (var s in manifest.Value!.Stops) points.Add(new GeoCoordinate(s.Point.Latitude, s.Point.Longitude));
        var lat = new List<double>();
        var lon = new List<double>();
        int legs = 0, unrouted = 0;
        var roads = router();
        for (int i = 1; i < points.Count; i++)
        {
            if (points[i - 1] == points[i]) continue;
            var leg = roads.Route(new RouteRequest(points[i - 1], points[i]));
            legs++;
            if (leg.IsOk && leg.Geometry is { } g)
                for (int k = 0; k < g.LatitudesE7.Length; k++)
                {
                    lat.Add(g.LatitudesE7[k] / 1e7);
                    lon.Add(g.LongitudesE7[k] / 1e7);
                }
            else
            {
                // No road path (a point off the network): a straight segment, counted so the page can say so.
                unrouted++;
                lat.Add(points[i - 1].Latitude); lon.Add(points[i - 1].Longitude);
                lat.Add(points[i].Latitude); lon.Add(points[i].Longitude);
            }
        }
        // The simplifier works in local metres (x east, y north) around the first point.
        var x = new double[lat.Count];
        var y = new double[lat.Count];
        double cos0 = lat.Count > 0 ? Math.Cos(lat[0] * Math.PI / 180) : 1;
        for (int i = 0; i < lat.Count; i++)
        {
            x[i] = (lon[i] - lon[0]) * MetresPerDegree * cos0;
            y[i] = (lat[i] - lat[0]) * MetresPerDegree;
        }
        var keep = LineSimplifier.Keep(x, y, SimplifyMetres);
        var keptLat = new List<int>();
        var keptLon = new List<int>();
        for (int i = 0; i < lat.Count; i++)
            if (keep[i])
            {
                keptLat.Add((int)Math.Round(lat[i] * 1e7));
                keptLon.Add((int)Math.Round(lon[i] * 1e7));
            }
        return new PlannedRoute(vehicleId, Polyline.Encode(keptLat.ToArray(), keptLon.ToArray()), legs, unrouted);
    }
}

/// <summary>A vehicle's remaining route along the roads: <c>GET /dashboard/api/vehicles/{id}/route</c>.</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Line">Encoded polyline (precision 5, latitude first), empty when nothing is planned.</param>
/// <param name="Legs">How many legs (position → stop → stop …) it joins.</param>
/// <param name="Unrouted">Legs the router found no road path for, drawn straight.</param>
public sealed record PlannedRoute(string VehicleId, string Line, int Legs, int Unrouted);
