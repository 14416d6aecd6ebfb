namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// Roulette-wheel operator selection with weights adapted per segment (Ropke &amp; Pisinger 2006,
/// Section 3.4): scores σ1 = 33 (new best), σ2 = 9 (improves current), σ3 = 13 (accepted, worse), reaction 0.1.
/// </summary>
internal sealed class AdaptiveWeights
{
    public const double NewBest = 33, Improved = 9, Accepted = 13;
    private const double Reaction = 0.1;
    private readonly double[] _weights, _scores;
    private readonly int[] _uses;

    public AdaptiveWeights(int count)
    {
        _weights = new double[count];
        _scores = new double[count];
        _uses = new int[count];
        Array.Fill(_weights, 1.0);
    }

    public int Select(Random rng)
    {
        double total = 0;
        foreach (double w in _weights) total += w;
        double x = rng.NextDouble() * total;
        for (int i = 0; i < _weights.Length; i++)
        {
            x -= _weights[i];
            if (x <= 0) return i;
        }
        return _weights.Length - 1;
    }

    public void Reward(int op, double score)
    {
        _scores[op] += score;
        _uses[op]++;
    }

    /// <summary>Ends a segment: blends each used operator's mean score into its weight.</summary>
    public void EndSegment()
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            if (_uses[i] > 0)
                _weights[i] = Math.Max(0.05, _weights[i] * (1 - Reaction) + Reaction * _scores[i] / _uses[i]);
            _scores[i] = 0;
            _uses[i] = 0;
        }
    }
}
