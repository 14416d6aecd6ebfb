using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// Reads Li &amp; Lim (2001) PDPTW instances as documented in <c>benchmarks/README.md</c> §2: header
/// <c>K Q S</c>, then task lines <c>id x y demand e l s p d</c> (tab-separated, CRLF; any whitespace and
/// line ending is accepted). TaskLine 0 is the depot; a pickup has p = 0, d = its delivery and a positive
/// demand; its delivery has p = the pickup, d = 0 and the negated demand.
/// </summary>
/// <remarks>
/// The problem has K vehicles of capacity Seats = Q at the depot with shift = the depot's window, no ride or
/// route-duration limit, and fixed cost <see cref="VehicleFixedCost"/> per used vehicle with weights
/// Distance = 1, FixedCost = 1, so that one vehicle less always outweighs any distance saving (the
/// benchmark's hierarchical objective). Every request is MustServe. Travel = unrounded Euclidean distance;
/// the speed field S is ignored as in all published results.
/// </remarks>
public static class LiLimReader
{
    /// <summary>Fixed cost per used vehicle; larger than any route set's total distance in this benchmark.</summary>
    public const double VehicleFixedCost = 100_000;

    private const string TaskLayout = "id x y demand e l s p d";

    /// <summary>Reads a Li &amp; Lim file; throws <see cref="InstanceFormatException"/> naming the file and line if it is malformed.</summary>
    public static BenchmarkInstance Read(string path)
    {
        using var reader = InstanceFile.Open(path);
        return Parse(reader, path);
    }

    /// <summary>Parses Li &amp; Lim text; <paramref name="file"/> names the source in error messages and gives the instance name.</summary>
    public static BenchmarkInstance Parse(TextReader reader, string file)
    {
        var lines = InstanceLine.ReadAll(reader);
        if (lines.Count == 0) throw new InstanceFormatException(file, 0, "file is empty; expected header 'K Q S'");
        var header = lines[0];
        header.ExpectFields(file, 3, "K Q S");
        int k = header.Integer(file, 0, "K");
        int capacity = header.Integer(file, 1, "Q");
        header.Number(file, 2, "S");
        if (k <= 0) throw new InstanceFormatException(file, header.LineNumber, $"K (vehicles) must be positive, is {k}");
        if (capacity < 0) throw new InstanceFormatException(file, header.LineNumber, $"Q (capacity) must not be negative, is {capacity}");
        if (lines.Count < 2) throw new InstanceFormatException(file, header.LineNumber, "no task lines after the header");

        int count = lines.Count - 1;
        var tasks = new TaskLine[count];
        for (int i = 0; i < count; i++)
            tasks[i] = ReadTask(file, lines[i + 1], i);

        var depot = tasks[0];
        if (depot.Demand != 0 || depot.P != 0 || depot.D != 0)
            throw new InstanceFormatException(file, depot.Line, $"depot (task 0) must have demand, p and d 0; has {depot.Demand}, {depot.P}, {depot.D}");

        var requests = ImmutableArray.CreateBuilder<Request>();
        var pickupIds = ImmutableArray.CreateBuilder<int>();
        var deliveryIds = ImmutableArray.CreateBuilder<int>();
        for (int i = 1; i < count; i++)
        {
            var t = tasks[i];
            bool isPickup = t.P == 0 && t.D != 0;
            bool isDelivery = t.P != 0 && t.D == 0;
            if (!isPickup && !isDelivery)
                throw new InstanceFormatException(file, t.Line, $"task {i} has p = {t.P} and d = {t.D}; exactly one of them must name its partner");
            int partnerId = isPickup ? t.D : t.P;
            if (partnerId <= 0 || partnerId >= count)
                throw new InstanceFormatException(file, t.Line, $"task {i} names partner {partnerId}, which is not a task (1..{count - 1})");
            var partner = tasks[partnerId];
            if ((isPickup ? partner.P : partner.D) != i)
                throw new InstanceFormatException(file, t.Line, $"task {i} is unpaired: it names {partnerId}, but task {partnerId} (line {partner.Line}) does not name {i} back");
            if (isDelivery) continue; // checked from its pickup
            if (t.Demand <= 0)
                throw new InstanceFormatException(file, t.Line, $"pickup {i} has demand {t.Demand}, expected a positive demand");
            if (partner.Demand != -t.Demand)
                throw new InstanceFormatException(file, partner.Line, $"delivery {partnerId} has demand {partner.Demand}, expected {-t.Demand} (minus the demand of pickup {i})");
            requests.Add(new Request(
                Id: i.ToString(CultureInfo.InvariantCulture),
                Kind: RequestKind.Parcel,
                PickupLocation: i,
                DeliveryLocation: partnerId,
                PickupWindow: new TimeWindow(t.E, t.L),
                DeliveryWindow: new TimeWindow(partner.E, partner.L),
                PickupServiceTime: t.S,
                DeliveryServiceTime: partner.S,
                Load: new LoadVector(t.Demand),
                MustServe: true));
            pickupIds.Add(i);
            deliveryIds.Add(partnerId);
        }

        var shift = new TimeWindow(depot.E, depot.L);
        var vehicles = ImmutableArray.CreateBuilder<Vehicle>(k);
        for (int v = 0; v < k; v++)
            vehicles.Add(new Vehicle($"v{v}", 0, 0, shift, new LoadVector(capacity), FixedCost: VehicleFixedCost));

        var points = new (double X, double Y)[count];
        var locationIds = ImmutableArray.CreateBuilder<int>(count);
        for (int i = 0; i < count; i++)
        {
            points[i] = (tasks[i].X, tasks[i].Y);
            locationIds.Add(i);
        }
        var weights = new ObjectiveWeights(TravelTime: 0, Distance: 1, RideTime: 0, Waiting: 0, Unserved: 1e7, FixedCost: 1);
        var problem = new Problem(vehicles.MoveToImmutable(), requests.ToImmutable(), DenseTravelMatrix.Euclidean(points), weights);
        return new BenchmarkInstance(InstanceFile.NameOf(file), BenchmarkFamily.LiLim, problem,
            pickupIds.ToImmutable(), deliveryIds.ToImmutable(), 0, 0, locationIds.MoveToImmutable());
    }

    private static TaskLine ReadTask(string file, InstanceLine line, int expectedId)
    {
        line.ExpectFields(file, 9, TaskLayout);
        int id = line.Integer(file, 0, "id");
        if (id != expectedId) throw new InstanceFormatException(file, line.LineNumber, $"task id is {id}, expected {expectedId} (tasks must be numbered in order)");
        var t = new TaskLine(line.LineNumber, line.Number(file, 1, "x"), line.Number(file, 2, "y"), line.Integer(file, 3, "demand"),
            line.Number(file, 4, "e"), line.Number(file, 5, "l"), line.Number(file, 6, "s"), line.Integer(file, 7, "p"), line.Integer(file, 8, "d"));
        if (t.S < 0) throw new InstanceFormatException(file, line.LineNumber, $"service time s is {t.S}, must not be negative");
        if (t.E > t.L) throw new InstanceFormatException(file, line.LineNumber, $"time window [{t.E}, {t.L}] is empty");
        if (t.P < 0 || t.D < 0) throw new InstanceFormatException(file, line.LineNumber, $"p = {t.P} and d = {t.D} must not be negative");
        return t;
    }

    private readonly record struct TaskLine(int Line, double X, double Y, int Demand, double E, double L, double S, int P, int D);
}
