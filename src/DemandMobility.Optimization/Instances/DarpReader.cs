using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// Reads Cordeau's DARP instances (Cordeau 2006; Ropke, Cordeau &amp; Laporte 2007), classes a and b, as
/// documented in <c>benchmarks/README.md</c> §1: header <c>K n T Q L</c>, then node lines
/// <c>id x y d q e l</c> with 0 = start depot, 1..n pickups, n+i the drop-off of request i, 2n+1 the end depot.
/// </summary>
/// <remarks>
/// Both layouts are accepted, told apart by the number of node lines as the README prescribes: 2·h+2 lines
/// means header field 2 is n (original layout); h+1 or h+2 lines means it is 2n (edited layout; a missing
/// end depot is added as a copy of node 0). Travel time = distance = unrounded Euclidean distance. The
/// resulting problem has K identical vehicles at the depot (capacity Seats = Q, max route duration T, shift
/// = [e, l] of the depot lines), every request MustServe with ride limit L, and distance-only weights.
/// </remarks>
public static class DarpReader
{
    private const string NodeLayout = "id x y d q e l";

    /// <summary>Reads a DARP file; throws <see cref="InstanceFormatException"/> naming the file and line if it is malformed.</summary>
    public static BenchmarkInstance Read(string path)
    {
        using var reader = InstanceFile.Open(path);
        return Parse(reader, path);
    }

    /// <summary>Parses DARP text; <paramref name="file"/> names the source in error messages and gives the instance name.</summary>
    public static BenchmarkInstance Parse(TextReader reader, string file)
    {
        var lines = InstanceLine.ReadAll(reader);
        if (lines.Count == 0) throw new InstanceFormatException(file, 0, "file is empty; expected header 'K n T Q L'");
        var header = lines[0];
        header.ExpectFields(file, 5, "K n T Q L");
        int k = header.Integer(file, 0, "K");
        int h = header.Integer(file, 1, "n");
        double maxDuration = header.Number(file, 2, "T");
        int capacity = header.Integer(file, 3, "Q");
        double maxRide = header.Number(file, 4, "L");
        if (k <= 0) throw new InstanceFormatException(file, header.LineNumber, $"K (vehicles) must be positive, is {k}");
        if (h <= 0) throw new InstanceFormatException(file, header.LineNumber, $"n (requests) must be positive, is {h}");
        if (maxDuration < 0) throw new InstanceFormatException(file, header.LineNumber, $"T (max route duration) must not be negative, is {maxDuration}");
        if (capacity < 0) throw new InstanceFormatException(file, header.LineNumber, $"Q (capacity) must not be negative, is {capacity}");
        if (maxRide < 0) throw new InstanceFormatException(file, header.LineNumber, $"L (max ride time) must not be negative, is {maxRide}");

        int nodeLines = lines.Count - 1;
        int n;
        bool addEndDepot = false;
        if (nodeLines == 2 * h + 2) n = h;
        else if (h % 2 == 0 && (nodeLines == h + 1 || nodeLines == h + 2))
        {
            n = h / 2;
            addEndDepot = nodeLines == h + 1;
        }
        else
            throw new InstanceFormatException(file, lines[^1].LineNumber,
                $"found {nodeLines} node lines; header n = {h} requires {2 * h + 2} (or {h + 1}/{h + 2} in the edited 2n layout)");

        int count = 2 * n + 2;
        var nodes = new Node[count];
        for (int i = 0; i < nodeLines; i++)
            nodes[i] = ReadNode(file, lines[i + 1], i);
        if (addEndDepot) nodes[count - 1] = nodes[0] with { Id = count - 1 };

        var depot = nodes[0];
        var end = nodes[count - 1];
        int depotLine = lines[1].LineNumber;
        int endLine = addEndDepot ? depotLine : lines[count].LineNumber;
        if (depot.Q != 0) throw new InstanceFormatException(file, depotLine, $"start depot has load change {depot.Q}, expected 0");
        if (end.Q != 0) throw new InstanceFormatException(file, endLine, $"end depot has load change {end.Q}, expected 0");

        var requests = ImmutableArray.CreateBuilder<Request>(n);
        var pickupIds = ImmutableArray.CreateBuilder<int>(n);
        var deliveryIds = ImmutableArray.CreateBuilder<int>(n);
        for (int i = 1; i <= n; i++)
        {
            var p = nodes[i];
            var d = nodes[n + i];
            if (p.Q <= 0)
                throw new InstanceFormatException(file, LineOf(lines, i), $"pickup {i} has load change {p.Q}, expected a positive number of seats");
            if (d.Q != -p.Q)
                throw new InstanceFormatException(file, LineOf(lines, n + i), $"drop-off {n + i} has load change {d.Q}, expected {-p.Q} (minus the load of pickup {i})");
            requests.Add(new Request(
                Id: i.ToString(CultureInfo.InvariantCulture),
                Kind: RequestKind.Passenger,
                PickupLocation: i,
                DeliveryLocation: n + i,
                PickupWindow: new TimeWindow(p.E, p.L),
                DeliveryWindow: new TimeWindow(d.E, d.L),
                PickupServiceTime: p.D,
                DeliveryServiceTime: d.D,
                Load: new LoadVector(p.Q),
                MaxRideTime: maxRide,
                MustServe: true));
            pickupIds.Add(i);
            deliveryIds.Add(n + i);
        }

        var shift = new TimeWindow(depot.E, end.L);
        var vehicles = ImmutableArray.CreateBuilder<Vehicle>(k);
        for (int v = 0; v < k; v++)
            vehicles.Add(new Vehicle($"v{v}", 0, count - 1, shift, new LoadVector(capacity), FixedCost: 0, MaxRouteDuration: maxDuration));

        var points = new (double X, double Y)[count];
        var locationIds = ImmutableArray.CreateBuilder<int>(count);
        for (int i = 0; i < count; i++)
        {
            points[i] = (nodes[i].X, nodes[i].Y);
            locationIds.Add(i);
        }
        var problem = new Problem(vehicles.MoveToImmutable(), requests.MoveToImmutable(), DenseTravelMatrix.Euclidean(points), ObjectiveWeights.DistanceOnly);
        return new BenchmarkInstance(InstanceFile.NameOf(file), BenchmarkFamily.Darp, problem,
            pickupIds.MoveToImmutable(), deliveryIds.MoveToImmutable(), 0, count - 1, locationIds.MoveToImmutable());
    }

    /// <summary>Line of node <paramref name="node"/>: node lines follow the header in order.</summary>
    private static int LineOf(List<InstanceLine> lines, int node) => lines[node + 1].LineNumber;

    private static Node ReadNode(string file, InstanceLine line, int expectedId)
    {
        line.ExpectFields(file, 7, NodeLayout);
        int id = line.Integer(file, 0, "id");
        if (id != expectedId) throw new InstanceFormatException(file, line.LineNumber, $"node id is {id}, expected {expectedId} (nodes must be numbered in order)");
        var node = new Node(id, line.Number(file, 1, "x"), line.Number(file, 2, "y"), line.Number(file, 3, "d"),
            line.Integer(file, 4, "q"), line.Number(file, 5, "e"), line.Number(file, 6, "l"));
        if (node.D < 0) throw new InstanceFormatException(file, line.LineNumber, $"service duration d is {node.D}, must not be negative");
        if (node.E > node.L) throw new InstanceFormatException(file, line.LineNumber, $"time window [{node.E}, {node.L}] is empty");
        return node;
    }

    private readonly record struct Node(int Id, double X, double Y, double D, int Q, double E, double L);
}
