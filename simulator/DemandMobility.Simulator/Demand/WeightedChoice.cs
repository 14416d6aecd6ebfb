namespace DemandMobility.Simulator.Demand;

/// <summary>Draws an index with probability proportional to its weight (inverse transform on the running sum).</summary>
internal static class WeightedChoice
{
    /// <summary>The index drawn, or −1 when all weights are zero.</summary>
    public static int Pick(ReadOnlySpan<double> weights, Random random)
    {
        double total = 0;
        foreach (double w in weights)
            total += w;
        if (!(total > 0))
            return -1;
        double x = random.NextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
                continue;
            last = i;
            x -= weights[i];
            if (x < 0)
                return i;
        }
        return last;
    }
}
