using Xunit;
using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Profiles;
using DemandMobility.Routing.Search;

namespace DemandMobility.Routing.Tests.TestMaps;

/// <summary>
/// Draw a small map as ASCII (as OSRM's cucumber tests do): every letter is a node, one character column
/// is <see cref="CellMeters"/> east-west, one row <see cref="CellMeters"/> north-south. Add ways as strings of
/// node letters with tags, and restrictions; <see cref="Build"/> writes a real PBF with <see cref="PbfWriter"/>
/// and extracts it with <see cref="GraphExtractor"/>.
/// </summary>
public sealed class TinyMap
{
    public const double CellMeters = 50;
    private const double BaseLat = 50.0, BaseLon = 11.0;

    private readonly Dictionary<char, (int Lat, int Lon)> _nodes = new();
    private readonly List<(long Id, string Letters, OsmTags Tags)> _ways = new();
    private readonly Dictionary<char, OsmTags> _nodeTags = new();
    private readonly List<(long Id, OsmMember[] Members, OsmTags Tags)> _relations = new();

    public TinyMap(string drawing)
    {
        var lines = drawing.Replace("\r", "").Split('\n');
        double metersPerDegLat = Math.PI / 180 * GeoMath.EarthRadiusMeters;
        double metersPerDegLon = metersPerDegLat * Math.Cos(BaseLat * Math.PI / 180);
        for (int row = 0; row < lines.Length; row++)
            for (int col = 0; col < lines[row].Length; col++)
            {
                char c = lines[row][col];
                if (!char.IsLetter(c))
                    continue;
                double lat = BaseLat - row * CellMeters / metersPerDegLat;
                double lon = BaseLon + col * CellMeters / metersPerDegLon;
                _nodes.Add(c, ((int)Math.Round(lat * 1e7), (int)Math.Round(lon * 1e7)));
            }
    }

    public static long NodeId(char c) => 1000 + c;

    /// <summary>Tags node c (e.g. a barrier).</summary>
    public void NodeTags(char c, params (string Key, string Value)[] tags) => _nodeTags[c] = OsmTags.Of(tags);

    /// <summary>Adds a way through the given letters; returns its OSM id.</summary>
    public long Way(string letters, params (string Key, string Value)[] tags)
    {
        long id = _ways.Count + 1;
        _ways.Add((id, letters, OsmTags.Of(tags)));
        return id;
    }

    /// <summary>Adds a via-node turn restriction, e.g. ("no_left_turn", from, 'x', to).</summary>
    public void Restriction(string value, long fromWay, char via, long toWay, string type = "restriction")
    {
        var members = new[]
        {
            new OsmMember(OsmMemberType.Way, fromWay, "from"),
            new OsmMember(OsmMemberType.Node, NodeId(via), "via"),
            new OsmMember(OsmMemberType.Way, toWay, "to"),
        };
        _relations.Add((_relations.Count + 1, members, OsmTags.Of(("type", type), (type, value))));
    }

    /// <summary>Adds an arbitrary relation (e.g. a via-way restriction).</summary>
    public void Relation(OsmMember[] members, params (string Key, string Value)[] tags) =>
        _relations.Add((_relations.Count + 1, members, OsmTags.Of(tags)));

    /// <summary>Writes the map as PBF to <paramref name="path"/>.</summary>
    public void WritePbf(string path)
    {
        using var writer = new PbfWriter(path);
        foreach (var (c, (lat, lon)) in _nodes.OrderBy(n => NodeId(n.Key)))
            writer.WriteNode(NodeId(c), lat, lon, _nodeTags.GetValueOrDefault(c, OsmTags.Empty));
        foreach (var (id, letters, tags) in _ways)
            writer.WriteWay(id, letters.Select(NodeId).ToArray(), tags);
        foreach (var (id, members, tags) in _relations)
            writer.WriteRelation(id, members, tags);
    }

    /// <summary>Writes and extracts the map.</summary>
    public TinyMapGraph Build(VehicleProfile? profile = null)
    {
        string path = TestPaths.TempFile();
        try
        {
            WritePbf(path);
            return new TinyMapGraph(GraphExtractor.Extract(path, profile), _nodes);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A <see cref="TinyMap"/> extracted into a graph, with helpers that speak in node letters.</summary>
public sealed class TinyMapGraph
{
    private readonly Dictionary<(int, int), char> _letterAt = new();

    public TinyMapGraph(ExtractionResult result, Dictionary<char, (int Lat, int Lon)> nodes)
    {
        Result = result;
        foreach (var (c, pos) in nodes)
            _letterAt[pos] = c;
    }

    public ExtractionResult Result { get; }

    public RoadGraph Graph => Result.Graph;

    /// <summary>All graph nodes at letter c (several when c is a split via node).</summary>
    public int[] NodesOf(char c)
    {
        var list = new List<int>();
        for (int v = 0; v < Graph.NodeCount; v++)
            if (_letterAt.TryGetValue((Graph.LatitudesE7[v], Graph.LongitudesE7[v]), out char l) && l == c)
                list.Add(v);
        return list.ToArray();
    }

    /// <summary>
    /// The fastest route from letter a to letter b as the letters passed (e.g. "sxn"), and its duration;
    /// null when there is none. Starts from the copy of a with the most out-edges (an unsplit node has one).
    /// </summary>
    public (string Letters, int DurationMs)? Route(char from, char to)
    {
        var sources = NodesOf(from);
        var targets = NodesOf(to);
        Assert.NotEmpty(sources);
        Assert.NotEmpty(targets);
        int source = sources.OrderByDescending(v => Graph.FirstEdge[v + 1] - Graph.FirstEdge[v]).First();
        var dijkstra = new Dijkstra(Graph);
        var all = dijkstra.OneToAll(source);
        int target = targets.OrderBy(v => all.DurationMs[v]).First();
        if (all.DurationMs[target] == Dijkstra.Unreachable)
            return null;
        var path = dijkstra.Route(source, target);
        var letters = new System.Text.StringBuilder();
        letters.Append(from);
        foreach (int e in path.Edges)
        {
            for (int s = Graph.EdgeShapeStart[e]; s < Graph.EdgeShapeStart[e + 1]; s++)
                if (_letterAt.TryGetValue((Graph.ShapeLatitudesE7[s], Graph.ShapeLongitudesE7[s]), out char l))
                    letters.Append(l);
            int t = Graph.EdgeTarget[e];
            letters.Append(_letterAt[(Graph.LatitudesE7[t], Graph.LongitudesE7[t])]);
        }
        return (letters.ToString(), path.DurationMs);
    }
}
