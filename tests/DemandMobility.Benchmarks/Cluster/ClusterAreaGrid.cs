using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// The shipped region (lon 11.490–11.600, lat 49.977–50.043, the union of the west and east areas of
/// appsettings.json) cut into a <see cref="Columns"/> × <see cref="Rows"/> grid of service areas <c>a0</c>…; a trip
/// may end in its own area or in any of the (up to eight) touching ones.
/// </summary>
internal sealed class ClusterAreaGrid(int columns, int rows)
{
    private const double West = 11.490, East = 11.600, South = 49.977, North = 50.040;

    public int Columns { get; } = columns;

    public int Rows { get; } = rows;

    public int Count => Columns * Rows;

    public static string Id(int area) => "a" + area.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The areas as <c>Cluster:Areas</c> settings (command-line keys and values); trips may end in a touching area, or
    /// in any area with <paramref name="anyDestination"/> (the simulator's demand crosses the whole region).
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(bool anyDestination = false)
    {
        for (int area = 0; area < Count; area++)
        {
            var (w, s, e, n) = Bounds(area);
            double[][] ring = [[w, s], [e, s], [e, n], [w, n]];
            yield return new($"Cluster:Areas:{area}:Id", Id(area));
            for (int j = 0; j < ring.Length; j++)
            {
                yield return new($"Cluster:Areas:{area}:Boundary:{j}:0", ring[j][0].ToString("R", CultureInfo.InvariantCulture));
                yield return new($"Cluster:Areas:{area}:Boundary:{j}:1", ring[j][1].ToString("R", CultureInfo.InvariantCulture));
            }
            int k = 0;
            foreach (int other in anyDestination ? Enumerable.Range(0, Count).Where(a => a != area) : Neighbours(area))
                yield return new($"Cluster:Areas:{area}:DestinationAreas:{k++}", Id(other));
        }
    }

    /// <summary>
    /// Per area, the road-graph nodes of the main component inside it, kept 5 % off its edges so none lies on a shared
    /// border: trips and depots start on roads, as riders' addresses do (a random point may lie in a forest).
    /// </summary>
    public GeoPoint[][] RoadPoints(RoadGraph graph)
    {
        var points = Enumerable.Range(0, Count).Select(_ => new List<GeoPoint>()).ToArray();
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (!graph.InMainComponent[node]) continue;
            double lat = graph.LatitudesE7[node] / 1e7, lon = graph.LongitudesE7[node] / 1e7;
            for (int area = 0; area < Count; area++)
            {
                var (w, s, e, n) = Bounds(area);
                double fx = (lon - w) / (e - w), fy = (lat - s) / (n - s);
                if (fx is > 0.05 and < 0.95 && fy is > 0.05 and < 0.95) points[area].Add(new GeoPoint { Lat = lat, Lon = lon });
            }
        }
        for (int area = 0; area < Count; area++)
            if (points[area].Count == 0) throw new InvalidOperationException($"area {Id(area)} has no road in the extract");
        return [.. points.Select(p => p.ToArray())];
    }

    public IEnumerable<int> Neighbours(int area)
    {
        int c = area % Columns, r = area / Columns;
        for (int dr = -1; dr <= 1; dr++)
            for (int dc = -1; dc <= 1; dc++)
                if ((dr, dc) != (0, 0) && c + dc >= 0 && c + dc < Columns && r + dr >= 0 && r + dr < Rows)
                    yield return (r + dr) * Columns + c + dc;
    }

    private (double W, double S, double E, double N) Bounds(int area)
    {
        int c = area % Columns, r = area / Columns;
        double dx = (East - West) / Columns, dy = (North - South) / Rows;
        return (West + c * dx, South + r * dy, West + (c + 1) * dx, South + (r + 1) * dy);
    }
}
