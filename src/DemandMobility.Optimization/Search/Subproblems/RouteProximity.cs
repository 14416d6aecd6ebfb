using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Subproblems;

/// <summary>
/// How close two routes are in space and time, for choosing the neighbours of a seed route: the mean, over up to
/// <see cref="SampledStops"/> evenly spaced stops of the seed, of the smallest "travel time plus difference of service
/// start" to any stop of the other route. Routes of a whole day overlap everywhere in space, so time has to count:
/// two buses near the same stop at different hours cannot trade its request.
/// </summary>
/// <remarks>The measure is Shaw's relatedness (Shaw 1998; Ropke &amp; Pisinger 2006, Section 3.1.1) lifted from requests
/// to routes, with travel time and time difference weighted equally (both in the problem's time unit).</remarks>
internal static class RouteProximity
{
    /// <summary>Stops of the seed route sampled; bounds the cost of one comparison to this × the other route's stops.</summary>
    public const int SampledStops = 16;

    /// <summary>Distance from <paramref name="seed"/> to <paramref name="other"/> (infinite when either has no stops).</summary>
    public static double Distance(ITravelMatrix matrix, WorkingRoute seed, WorkingRoute other)
    {
        int n = seed.Count, m = other.Count;
        if (seed.RequestStops == 0 || other.RequestStops == 0) return double.PositiveInfinity;
        int samples = Math.Min(n, SampledStops);
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < samples; k++)
        {
            int i = (int)((long)k * n / samples);
            ref readonly var s = ref seed.Stop(i);
            if (s.Kind == StopKind.Break) continue;
            double start = seed.StartAt(i + 1);
            double nearest = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                ref readonly var t = ref other.Stop(j);
                if (t.Kind == StopKind.Break) continue;
                double d = matrix.Duration(s.Location, t.Location) + Math.Abs(start - other.StartAt(j + 1));
                if (d < nearest) nearest = d;
            }
            sum += nearest;
            counted++;
        }
        return counted == 0 ? double.PositiveInfinity : sum / counted;
    }
}
