using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Synthetic;

/// <summary>
/// Builds the synthetic region in a local metric frame (x east, y north, metres) and writes it. Villages sit
/// on a jittered square grid <see cref="VillageSpacing"/> apart; each connects to its east and south neighbour.
/// </summary>
internal sealed class SyntheticRegionBuilder
{
    private const double VillageSpacing = 2000;
    private const double StreetSpacing = 100;
    private const double RoadNodeSpacing = 100;
    private const double MotorwayNodeSpacing = 200;
    // Road nodes per village including its share of connecting roads and hamlets (measured: ~88).
    private const double NodesPerVillage = 88;
    private const double BaseLat = 49.5, BaseLon = 10.5;

    private readonly Random _random;
    private readonly int _rows, _cols;

    private readonly List<double> _x = new(), _y = new();
    private readonly List<OsmTags> _nodeTags = new();
    private readonly List<(long[] Refs, OsmTags Tags)> _ways = new();
    private readonly List<(OsmMember[] Members, OsmTags Tags)> _relations = new();
    private Village[] _villages = [];
    private int _hamlets, _pois, _interchanges;

    private sealed record Village(int Index, int Size, long[,] Junctions, long[] StreetWayRows, long[] StreetWayCols);

    public SyntheticRegionBuilder(int targetRoadNodes, int seed)
    {
        _random = new Random(seed);
        int villages = Math.Max(4, (int)Math.Round(targetRoadNodes / NodesPerVillage));
        _cols = (int)Math.Ceiling(Math.Sqrt(villages));
        _rows = (int)Math.Ceiling(villages / (double)_cols);
    }

    public void Generate()
    {
        _villages = new Village[_rows * _cols];
        for (int r = 0; r < _rows; r++)
            for (int c = 0; c < _cols; c++)
                _villages[r * _cols + c] = AddVillage(r, c);
        for (int r = 0; r < _rows; r++)
            for (int c = 0; c < _cols; c++)
            {
                if (c + 1 < _cols)
                    Connect(_villages[r * _cols + c], _villages[r * _cols + c + 1], r, eastward: true);
                if (r + 1 < _rows)
                    Connect(_villages[r * _cols + c], _villages[(r + 1) * _cols + c], c, eastward: false);
            }
        if (_rows >= 2 && _cols >= 3)
            AddMotorway();
    }

    private long AddNode(double x, double y, OsmTags? tags = null)
    {
        _x.Add(x);
        _y.Add(y);
        _nodeTags.Add(tags ?? OsmTags.Empty);
        return _x.Count; // ids start at 1
    }

    private long AddWay(long[] refs, params (string, string)[] tags)
    {
        _ways.Add((refs, OsmTags.Of(tags)));
        return _ways.Count;
    }

    private Village AddVillage(int r, int c)
    {
        int index = r * _cols + c;
        bool town = index % 25 == 12;
        int size = town ? 10 : _random.Next(2, 7);
        double jitter = 300;
        double cx = c * VillageSpacing + (_random.NextDouble() - 0.5) * jitter;
        double cy = -r * VillageSpacing + (_random.NextDouble() - 0.5) * jitter;
        double half = (size - 1) * StreetSpacing / 2;
        var junctions = new long[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                junctions[i, j] = AddNode(cx - half + j * StreetSpacing, cy + half - i * StreetSpacing);

        string name = (town ? "Stadt " : "Dorf ") + index;
        AddNode(cx + 10, cy + 10, OsmTags.Of(("place", town ? "town" : "village"), ("name", name)));
        AddPois(index, cx, cy, name);

        // Streets: one way per grid line, a shape node between junctions. In larger villages one street
        // is oneway and one a 30 zone, as in real German villages.
        var rowWays = new long[size];
        var colWays = new long[size];
        for (int i = 0; i < size; i++)
        {
            var refs = new List<long>();
            for (int j = 0; j < size; j++)
            {
                if (j > 0)
                    refs.Add(AddNode(cx - half + (j - 0.5) * StreetSpacing, cy + half - i * StreetSpacing + 3));
                refs.Add(junctions[i, j]);
            }
            if (size >= 4 && i == size - 1)
                rowWays[i] = AddWay(refs.ToArray(), ("highway", "residential"), ("oneway", "yes"), ("name", $"Einbahnstraße {index}"));
            else if (i == 0)
                rowWays[i] = AddWay(refs.ToArray(), ("highway", "residential"), ("maxspeed", "30"));
            else
                rowWays[i] = AddWay(refs.ToArray(), ("highway", "residential"));
        }
        for (int j = 0; j < size; j++)
        {
            var refs = new List<long>();
            for (int i = 0; i < size; i++)
            {
                if (i > 0)
                    refs.Add(AddNode(cx - half + j * StreetSpacing + 3, cy + half - (i - 0.5) * StreetSpacing));
                refs.Add(junctions[i, j]);
            }
            colWays[j] = AddWay(refs.ToArray(), ("highway", size >= 6 && j == size / 2 ? "living_street" : "residential"));
        }

        if (size >= 3 && index % 40 == 7)
        {
            // Southbound on street column 1, no left (east) turn into street row 1.
            var members = new[]
            {
                new OsmMember(OsmMemberType.Way, colWays[1], "from"),
                new OsmMember(OsmMemberType.Node, junctions[1, 1], "via"),
                new OsmMember(OsmMemberType.Way, rowWays[1], "to"),
            };
            _relations.Add((members, OsmTags.Of(("type", "restriction"), ("restriction", "no_left_turn"))));
        }
        return new Village(index, size, junctions, rowWays, colWays);
    }

    private void AddPois(int index, double cx, double cy, string villageName)
    {
        void Poi(double dx, double dy, string key, string value, string name)
        {
            AddNode(cx + dx, cy + dy, OsmTags.Of((key, value), ("name", name)));
            _pois++;
        }
        if (index % 2 == 0) Poi(30, -20, "shop", "supermarket", "Markt " + villageName);
        if (index % 3 == 0) Poi(-40, 25, "amenity", "school", "Grundschule " + villageName);
        if (index % 4 == 0) Poi(15, 40, "amenity", "doctors", "Praxis " + villageName);
        if (index % 10 == 0) Poi(-60, -60, "railway", "station", "Bahnhof " + villageName);
    }

    /// <summary>Road from a's east (or south) edge to b's west (or north) edge, with a hamlet on some.</summary>
    private void Connect(Village a, Village b, int line, bool eastward)
    {
        int ma = a.Size / 2, mb = b.Size / 2;
        long from = eastward ? a.Junctions[ma, a.Size - 1] : a.Junctions[a.Size - 1, ma];
        long to = eastward ? b.Junctions[mb, 0] : b.Junctions[0, mb];
        double x0 = _x[(int)from - 1], y0 = _y[(int)from - 1], x1 = _x[(int)to - 1], y1 = _y[(int)to - 1];
        double length = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        int segments = Math.Max(1, (int)Math.Round(length / RoadNodeSpacing));
        // Curvy rural roads: a gentle sine offset perpendicular to the line.
        double amplitude = 40 + _random.NextDouble() * 80;
        double nx = -(y1 - y0) / length, ny = (x1 - x0) / length;
        var refs = new long[segments + 1];
        refs[0] = from;
        refs[segments] = to;
        for (int k = 1; k < segments; k++)
        {
            double t = k / (double)segments;
            double offset = amplitude * Math.Sin(t * Math.PI);
            refs[k] = AddNode(x0 + (x1 - x0) * t + nx * offset, y0 + (y1 - y0) * t + ny * offset);
        }

        string highway = (line % 8) switch
        {
            4 => "primary",
            2 or 6 => "secondary",
            _ => _random.Next(2) == 0 ? "tertiary" : "unclassified",
        };
        if (_random.Next(5) == 0)
            AddWay(refs, ("highway", highway), ("maxspeed", "70"));
        else
            AddWay(refs, ("highway", highway));

        if (_random.Next(3) == 0 && segments >= 4)
        {
            // A hamlet on a short spur road off the middle of the connection.
            long junction = refs[segments / 2];
            double hx = _x[(int)junction - 1], hy = _y[(int)junction - 1];
            var spur = new long[4];
            spur[0] = junction;
            for (int k = 1; k < 4; k++)
                spur[k] = AddNode(hx + nx * 80 * k, hy + ny * 80 * k);
            AddWay(spur, ("highway", "residential"), ("name", $"Weiler {_hamlets}"));
            AddNode(hx + nx * 200, hy + ny * 200, OsmTags.Of(("place", "hamlet"), ("name", $"Weiler {_hamlets}")));
            _hamlets++;
        }
    }

    /// <summary>A motorway (two oneway carriageways) between two village rows with interchanges every 5th column.</summary>
    private void AddMotorway()
    {
        int row = _rows / 2 - 1;
        double y = -(row + 0.5) * VillageSpacing;
        double xStart = -VillageSpacing / 2, xEnd = (_cols - 0.5) * VillageSpacing;
        int segments = (int)((xEnd - xStart) / MotorwayNodeSpacing);
        var east = new long[segments + 1];
        var west = new long[segments + 1];
        for (int k = 0; k <= segments; k++)
        {
            double x = xStart + k * MotorwayNodeSpacing;
            east[k] = AddNode(x, y);
            west[segments - k] = AddNode(x, y + 30);
        }
        AddWay(east, ("highway", "motorway"), ("ref", "A 99"));
        AddWay(west, ("highway", "motorway"), ("ref", "A 99"));

        for (int c = 2; c < _cols; c += 5)
        {
            var village = _villages[row * _cols + c];
            long villageNode = village.Junctions[village.Size - 1, village.Size / 2];
            int k = (int)Math.Round((c * VillageSpacing - xStart) / MotorwayNodeSpacing);
            if (k <= 1 || k >= segments - 1)
                continue;
            Link(villageNode, east[k + 1]);      // on-ramp eastbound
            Link(east[k - 1], villageNode);      // off-ramp eastbound
            Link(villageNode, west[segments - k + 1]); // on-ramp westbound (west array runs east to west)
            Link(west[segments - k - 1], villageNode); // off-ramp westbound
            _interchanges++;
        }

        void Link(long from, long to)
        {
            double x0 = _x[(int)from - 1], y0 = _y[(int)from - 1], x1 = _x[(int)to - 1], y1 = _y[(int)to - 1];
            long m1 = AddNode(x0 + (x1 - x0) / 3 + 15, y0 + (y1 - y0) / 3);
            long m2 = AddNode(x0 + 2 * (x1 - x0) / 3 + 15, y0 + 2 * (y1 - y0) / 3);
            AddWay([from, m1, m2, to], ("highway", "motorway_link"));
        }
    }

    public SyntheticRegionSummary WriteTo(PbfWriter writer)
    {
        double metersPerDegLat = Math.PI / 180 * GeoMath.EarthRadiusMeters;
        double metersPerDegLon = metersPerDegLat * Math.Cos(BaseLat * Math.PI / 180);
        var isRoadNode = new bool[_x.Count + 1];
        foreach (var (refs, _) in _ways)
            foreach (long id in refs)
                isRoadNode[id] = true;
        int roadNodes = 0;
        int places = 0;
        for (int i = 0; i < _x.Count; i++)
        {
            int lat = (int)Math.Round((BaseLat + _y[i] / metersPerDegLat) * 1e7);
            int lon = (int)Math.Round((BaseLon + _x[i] / metersPerDegLon) * 1e7);
            writer.WriteNode(i + 1, lat, lon, _nodeTags[i]);
            if (isRoadNode[i + 1]) roadNodes++;
            if (_nodeTags[i]["place"] is "village" or "town") places++;
        }
        for (int w = 0; w < _ways.Count; w++)
            writer.WriteWay(w + 1, _ways[w].Refs, _ways[w].Tags);
        for (int r = 0; r < _relations.Count; r++)
            writer.WriteRelation(r + 1, _relations[r].Members, _relations[r].Tags);
        return new SyntheticRegionSummary(roadNodes, _x.Count, _ways.Count, places, _hamlets, _pois, _relations.Count, _interchanges);
    }
}
