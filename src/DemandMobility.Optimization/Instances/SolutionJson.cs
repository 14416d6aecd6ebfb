using System.Text;
using System.Text.Json;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// Writes a benchmark solution as JSON with the instance file's node numbering, so that anyone can check it
/// against the original file without our code:
/// <c>{"instance": name, "cost": total distance, "vehicles": used routes, "routes": [{"vehicle": k,
/// "stops": [{"node": id, "arrival": t, "start": t}, …]}], "unserved": [pickup node ids]}</c>.
/// </summary>
/// <remarks>
/// Each route's first stop is the start depot (arrival = start = departure time) and its last the end depot
/// (arrival = start = arrival time). "cost" is the total Euclidean distance of the routes for both benchmark
/// families (for Li &amp; Lim the vehicle count is the separate "vehicles" field). Routes without a pickup or
/// delivery are omitted; break stops do not occur in the benchmarks and are not written.
/// </remarks>
public static class SolutionJson
{
    /// <summary>Total distance driven by the routes of <paramref name="solution"/> (start → stops → end), recomputed from the matrix.</summary>
    public static double Distance(BenchmarkInstance instance, Solution solution)
    {
        var p = instance.Problem;
        double total = 0;
        foreach (var route in solution.Routes)
        {
            if (!HasRequestStop(route)) continue;
            var vehicle = p.Vehicles[route.Vehicle];
            int at = vehicle.StartLocation;
            foreach (var stop in route.Stops)
            {
                if (stop.Kind == StopKind.Break) continue;
                var r = p.Requests[stop.Request];
                int next = stop.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                total += p.Matrix.Distance(at, next);
                at = next;
            }
            total += p.Matrix.Distance(at, vehicle.EndLocation);
        }
        return total;
    }

    /// <summary>Number of routes that serve at least one pickup or delivery.</summary>
    public static int UsedVehicles(Solution solution)
    {
        int used = 0;
        foreach (var route in solution.Routes)
            if (HasRequestStop(route)) used++;
        return used;
    }

    /// <summary>The JSON text of a solution.</summary>
    public static string Write(BenchmarkInstance instance, Solution solution)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("instance", instance.Name);
            w.WriteNumber("cost", Distance(instance, solution));
            w.WriteNumber("vehicles", UsedVehicles(solution));
            w.WriteStartArray("routes");
            foreach (var route in solution.Routes)
            {
                if (!HasRequestStop(route)) continue;
                w.WriteStartObject();
                w.WriteNumber("vehicle", route.Vehicle);
                w.WriteStartArray("stops");
                WriteStop(w, instance.StartDepotNodeId, route.StartTime, route.StartTime);
                foreach (var stop in route.Stops)
                    if (stop.Kind != StopKind.Break)
                        WriteStop(w, instance.NodeId(stop), stop.Arrival, stop.ServiceStart);
                WriteStop(w, instance.EndDepotNodeId, route.EndTime, route.EndTime);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("unserved");
            foreach (int r in solution.Unserved) w.WriteNumberValue(instance.PickupNodeIds[r]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStop(Utf8JsonWriter w, int node, double arrival, double start)
    {
        w.WriteStartObject();
        w.WriteNumber("node", node);
        w.WriteNumber("arrival", arrival);
        w.WriteNumber("start", start);
        w.WriteEndObject();
    }

    private static bool HasRequestStop(RoutePlan route)
    {
        foreach (var stop in route.Stops)
            if (stop.Kind != StopKind.Break) return true;
        return false;
    }
}
