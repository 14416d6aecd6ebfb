using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Tests.Routes;

/// <summary>
/// The eight-step schedule of Cordeau &amp; Laporte (2003, Section 3.3) written plainly, without any shortcut: full
/// forward passes, the waiting after each pickup summed afresh, every step run before the final check. Requests
/// only (no breaks, nobody on board at the start). The reference that <see cref="ScheduleEvaluator"/>'s early exits
/// must reproduce bit for bit.
/// </summary>
internal static class EightStepReference
{
    private const double Eps = 1e-7;

    public sealed record Result(bool Feasible, double[] ServiceStart, double[] Departure, double RideTime, double Waiting, double Distance);

    public static Result Evaluate(ProblemData data, int vehicle, StopNode[] stops)
    {
        var veh = data.Problem.Vehicles[vehicle];
        var m = data.Matrix;
        int n = stops.Length;
        var load = LoadVector.Zero;
        var partner = new int[n + 2];
        var pickupAt = new Dictionary<int, int>();
        for (int i = 1; i <= n; i++)
        {
            var s = stops[i - 1];
            partner[i] = -1;
            if (s.Kind == StopKind.Pickup) pickupAt[s.Request] = i;
            else if (!pickupAt.TryGetValue(s.Request, out partner[i])) return Infeasible();
            load += s.Delta;
            if (!load.FitsWithin(veh.Capacity) || !load.IsNonNegative) return Infeasible();
        }
        if (pickupAt.Count * 2 != n) return Infeasible();

        var loc = new int[n + 2];
        var t = new double[n + 2];
        var a = new double[n + 2];
        var b = new double[n + 2];
        var d = new double[n + 2];
        var w = new double[n + 2];
        loc[0] = veh.StartLocation;
        for (int i = 1; i <= n; i++) { loc[i] = stops[i - 1].Location; t[i] = m.Duration(loc[i - 1], loc[i]); }
        loc[n + 1] = veh.EndLocation;
        t[n + 1] = m.Duration(loc[n], loc[n + 1]);
        double Latest(int i) => i == n + 1 ? veh.Shift.Latest : stops[i - 1].Latest;

        void Forward(int from)
        {
            for (int i = from; i <= n; i++)
            {
                a[i] = d[i - 1] + t[i];
                b[i] = a[i] < stops[i - 1].Earliest ? stops[i - 1].Earliest : a[i];
                w[i] = b[i] - a[i];
                d[i] = b[i] + stops[i - 1].Service;
            }
            a[n + 1] = b[n + 1] = d[n + 1] = d[n] + t[n + 1];
            w[n + 1] = 0;
        }
        double Ride(int i) => b[i] - d[partner[i]];
        bool RidesHold()
        {
            for (int i = 1; i <= n; i++)
                if (stops[i - 1].Kind == StopKind.Delivery && Ride(i) > stops[i - 1].MaxRide + Eps) return false;
            return true;
        }
        double ForwardSlack(int from)
        {
            double best = double.PositiveInfinity, waitSum = 0;
            for (int j = from; j <= n + 1; j++)
            {
                if (j > from) waitSum += w[j];
                if (j == 0) continue;
                double room = Latest(j) - b[j];
                if (j == n + 1 && from > 0) room = Math.Min(room, d[0] + veh.MaxRouteDuration - a[j]);
                if (j <= n && j > from && stops[j - 1].Kind == StopKind.Delivery && partner[j] < from)
                    room = Math.Min(room, stops[j - 1].MaxRide - Ride(j));
                best = Math.Min(best, waitSum + Math.Max(room, 0));
            }
            return best;
        }

        // Steps 1-3.
        a[0] = b[0] = d[0] = veh.Shift.Earliest;
        Forward(1);
        for (int i = 1; i <= n + 1; i++) if (b[i] > Latest(i) + Eps) return Infeasible();
        // Steps 4-5.
        double waits = 0;
        for (int i = 1; i <= n; i++) waits += w[i];
        if (waits > 0)
        {
            double delay = Math.Min(ForwardSlack(0), waits);
            if (delay > 0) { a[0] = b[0] = d[0] = veh.Shift.Earliest + delay; Forward(1); }
        }
        // Steps 6-7.
        if (!RidesHold() || a[n + 1] - d[0] > veh.MaxRouteDuration + Eps)
        {
            for (int j = 1; j <= n; j++)
            {
                if (stops[j - 1].Kind != StopKind.Pickup) continue;
                double later = 0;
                for (int p = j + 1; p <= n; p++) later += w[p];
                if (later <= 0) continue;
                double delay = Math.Min(ForwardSlack(j), later);
                if (delay <= 0) continue;
                b[j] += delay;
                w[j] = b[j] - a[j];
                d[j] = b[j] + stops[j - 1].Service;
                Forward(j + 1);
            }
        }
        // Step 8.
        for (int i = 1; i <= n + 1; i++) if (b[i] > Latest(i) + Eps) return Infeasible();
        if (a[n + 1] - d[0] > veh.MaxRouteDuration + Eps || !RidesHold()) return Infeasible();

        double ride = 0, wait = 0, dist = 0;
        for (int i = 1; i <= n + 1; i++) dist += m.Distance(loc[i - 1], loc[i]);
        for (int i = 1; i <= n; i++)
        {
            if (stops[i - 1].Kind == StopKind.Pickup) wait += b[i] - stops[i - 1].Earliest;
            else ride += Ride(i);
        }
        return new Result(true, b, d, ride, wait, dist);
    }

    private static Result Infeasible() => new(false, [], [], 0, 0, 0);
}
