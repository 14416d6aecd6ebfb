using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>
/// Exact optimum of tiny problems (≤ 4 requests, no live state, no breaks) by enumeration: every assignment
/// of requests to vehicles (or to "unserved" when allowed), every pickup-before-delivery order per vehicle.
/// A stop order is feasible iff its timing constraints (travel, windows, ride time, route duration, shift),
/// written as difference constraints on service starts, admit a solution — i.e. an earliest-start schedule
/// that delays departures where ride times require it exists. Only schedule-independent objective terms
/// are supported (distance, driving time, fixed cost, unserved), so the weights RideTime and Waiting must be 0.
/// </summary>
internal static class BruteForceReference
{
    public static double Optimum(Problem p) => Solve(p).Cost;

    /// <summary>The optimum and one optimal plan, scheduled by the difference-constraint solution (so it can be validated independently).</summary>
    public static Solution Solve(Problem p)
    {
        if (p.Weights.RideTime != 0 || p.Weights.Waiting != 0) throw new ArgumentException("only schedule-independent weights");
        int n = p.Requests.Length, m = p.Vehicles.Length;
        if (n > 4) throw new ArgumentException("brute force is for at most 4 requests");
        // best[v, mask]: cheapest feasible route of vehicle v serving exactly the requests in mask.
        var best = new double[m, 1 << n];
        var plans = new RoutePlan?[m, 1 << n];
        for (int v = 0; v < m; v++)
            for (int mask = 1; mask < 1 << n; mask++)
                (best[v, mask], plans[v, mask]) = BestRoute(p, v, mask);

        double optimum = double.PositiveInfinity;
        var owner = new int[n];
        int[] bestOwner = [];
        Enumerate(0);
        if (bestOwner.Length == 0) return new Solution([], [], double.PositiveInfinity);
        var routes = new List<RoutePlan>();
        var unserved = new List<int>();
        for (int v = 0; v <= m; v++)
        {
            int mask = 0;
            for (int q = 0; q < n; q++)
                if (bestOwner[q] == v) mask |= 1 << q;
            if (v == m) unserved.AddRange(Enumerable.Range(0, n).Where(q => (mask & (1 << q)) != 0));
            else if (mask != 0) routes.Add(plans[v, mask]!);
        }
        return new Solution([.. routes], [.. unserved], optimum);

        void Enumerate(int r)
        {
            if (r == n)
            {
                double cost = 0;
                for (int q = 0; q < n; q++)
                    if (owner[q] == m) cost += p.Weights.Unserved;
                for (int v = 0; v < m && cost < optimum; v++)
                {
                    int mask = 0;
                    for (int q = 0; q < n; q++)
                        if (owner[q] == v) mask |= 1 << q;
                    cost += best[v, mask];
                }
                if (cost < optimum)
                {
                    optimum = cost;
                    bestOwner = (int[])owner.Clone();
                }
                return;
            }
            for (int v = 0; v <= m; v++)
            {
                if (v == m && p.Requests[r].MustServe) continue;
                if (v < m && p.Requests[r].PinnedVehicle is int pin && pin != v) continue;
                if (v < m && !string.Equals(p.Requests[r].Group, p.Vehicles[v].Group, StringComparison.Ordinal)) continue;
                owner[r] = v;
                Enumerate(r + 1);
            }
        }
    }

    private static (double Cost, RoutePlan? Plan) BestRoute(Problem p, int v, int mask)
    {
        var requests = Enumerable.Range(0, p.Requests.Length).Where(q => (mask & (1 << q)) != 0).ToArray();
        var sequence = new List<(int Request, bool Pickup)>();
        var picked = new bool[p.Requests.Length];
        var done = new bool[p.Requests.Length];
        double best = double.PositiveInfinity;
        RoutePlan? plan = null;
        Extend();
        return (best, plan);

        void Extend()
        {
            if (sequence.Count == 2 * requests.Length)
            {
                double cost = Cost(p, v, sequence);
                if (cost < best && Schedule(p, v, sequence) is { } scheduled)
                {
                    best = cost;
                    plan = scheduled;
                }
                return;
            }
            foreach (int q in requests)
            {
                if (!picked[q])
                {
                    picked[q] = true;
                    sequence.Add((q, true));
                    Extend();
                    sequence.RemoveAt(sequence.Count - 1);
                    picked[q] = false;
                }
                else if (!done[q])
                {
                    done[q] = true;
                    sequence.Add((q, false));
                    Extend();
                    sequence.RemoveAt(sequence.Count - 1);
                    done[q] = false;
                }
            }
        }
    }

    private static int Location(Problem p, (int Request, bool Pickup) s) =>
        s.Pickup ? p.Requests[s.Request].PickupLocation : p.Requests[s.Request].DeliveryLocation;

    private static double Cost(Problem p, int v, List<(int Request, bool Pickup)> sequence)
    {
        var vehicle = p.Vehicles[v];
        int at = vehicle.StartLocation;
        double distance = 0, driving = 0;
        foreach (var s in sequence)
        {
            int next = Location(p, s);
            distance += p.Matrix.Distance(at, next);
            driving += p.Matrix.Duration(at, next);
            at = next;
        }
        distance += p.Matrix.Distance(at, vehicle.EndLocation);
        driving += p.Matrix.Duration(at, vehicle.EndLocation);
        return p.Weights.Distance * distance + p.Weights.TravelTime * driving + p.Weights.FixedCost * vehicle.FixedCost;
    }

    /// <summary>Variables: 0 = zero reference, 1 = departure from the start, 2..k+1 = service starts, k+2 = arrival at the end.</summary>
    private static RoutePlan? Schedule(Problem p, int v, List<(int Request, bool Pickup)> sequence)
    {
        var vehicle = p.Vehicles[v];
        int k = sequence.Count, end = k + 2;
        var load = LoadVector.Zero;
        foreach (var s in sequence)
        {
            load = s.Pickup ? load + p.Requests[s.Request].Load : load - p.Requests[s.Request].Load;
            if (!load.FitsWithin(vehicle.Capacity)) return null;
        }

        var stn = new SimpleTemporalNetwork(k + 3);
        stn.AtMost(1, 0, -vehicle.Shift.Earliest);   // start ≥ shift earliest
        stn.AtMost(0, end, vehicle.Shift.Latest);    // end ≤ shift latest
        stn.AtMost(1, end, vehicle.MaxRouteDuration);
        int at = vehicle.StartLocation;
        double previousService = 0;
        var pickupVar = new Dictionary<int, int>();
        for (int i = 0; i < k; i++)
        {
            var s = sequence[i];
            var r = p.Requests[s.Request];
            int x = i + 2, next = Location(p, s);
            // x_i ≥ x_{i−1} + service_{i−1} + travel
            stn.AtMost(x, x - 1, -(previousService + p.Matrix.Duration(at, next)));
            var window = s.Pickup ? r.PickupWindow : r.DeliveryWindow;
            stn.AtMost(0, x, window.Latest);
            stn.AtMost(x, 0, -window.Earliest);
            if (s.Pickup) pickupVar[s.Request] = x;
            else stn.AtMost(pickupVar[s.Request], x, r.MaxRideTime + r.PickupServiceTime);
            previousService = s.Pickup ? r.PickupServiceTime : r.DeliveryServiceTime;
            at = next;
        }
        stn.AtMost(end, end - 1, -(previousService + p.Matrix.Duration(at, vehicle.EndLocation)));
        if (stn.Solve() is not { } times) return null;

        // Times relative to the zero reference; arrival = previous departure + travel (waiting happens at the stop).
        double T(int variable) => times[variable] - times[0];
        var stops = new ScheduledStop[k];
        at = vehicle.StartLocation;
        double departure = T(1);
        for (int i = 0; i < k; i++)
        {
            var s = sequence[i];
            var r = p.Requests[s.Request];
            int next = Location(p, s);
            double arrival = departure + p.Matrix.Duration(at, next);
            double start = T(i + 2);
            departure = start + (s.Pickup ? r.PickupServiceTime : r.DeliveryServiceTime);
            stops[i] = new ScheduledStop(s.Request, s.Pickup ? StopKind.Pickup : StopKind.Delivery, arrival, start, departure);
            at = next;
        }
        return new RoutePlan(v, T(1), [.. stops], T(end));
    }
}
