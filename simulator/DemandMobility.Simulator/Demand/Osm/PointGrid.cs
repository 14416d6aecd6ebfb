using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>A uniform lat/lon bucket grid over a point set, for "points within r metres" queries.</summary>
internal sealed class PointGrid
{
    private const double CellDegrees = 0.005;

    private readonly double[] _lat;
    private readonly double[] _lon;
    private readonly Dictionary<long, List<int>> _cells = [];

    public PointGrid(double[] lat, double[] lon)
    {
        _lat = lat;
        _lon = lon;
        for (int i = 0; i < lat.Length; i++)
        {
            long key = Key(Cell(lat[i]), Cell(lon[i]));
            if (!_cells.TryGetValue(key, out var list))
                _cells[key] = list = [];
            list.Add(i);
        }
    }

    /// <summary>Indices of the points within <paramref name="metres"/> of <paramref name="centre"/>, ascending.</summary>
    public int[] Within(GeoPoint centre, double metres)
    {
        double dLat = metres / 111_320.0;
        double dLon = metres / (111_320.0 * Math.Max(0.01, Math.Cos(centre.Latitude * Math.PI / 180)));
        long lat0 = Cell(centre.Latitude - dLat), lat1 = Cell(centre.Latitude + dLat);
        long lon0 = Cell(centre.Longitude - dLon), lon1 = Cell(centre.Longitude + dLon);
        var found = new List<int>();
        for (long a = lat0; a <= lat1; a++)
        {
            for (long b = lon0; b <= lon1; b++)
            {
                if (!_cells.TryGetValue(Key(a, b), out var list))
                    continue;
                foreach (int i in list)
                    if (GeoMath.HaversineMetres(centre, new GeoPoint(_lat[i], _lon[i])) <= metres)
                        found.Add(i);
            }
        }
        found.Sort();
        return [.. found];
    }

    private static long Cell(double degrees) => (long)Math.Floor(degrees / CellDegrees);

    private static long Key(long a, long b) => (a << 32) ^ (b & 0xffffffffL);
}
