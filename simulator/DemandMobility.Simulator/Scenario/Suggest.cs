namespace DemandMobility.Simulator.Scenario;

/// <summary>"Did you mean": the known name closest to a mistyped one by edit distance (Levenshtein 1966), if close enough.</summary>
public static class Suggest
{
    /// <summary>The candidate within edit distance max(2, a third of its length) of <paramref name="typed"/>, the closest first; null if none.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(typed.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance && d <= Math.Max(2, c.Length / 3))
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute, each 1), two-row dynamic programme.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
