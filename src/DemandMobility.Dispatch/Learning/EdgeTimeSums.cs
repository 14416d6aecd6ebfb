namespace DemandMobility.Dispatch.Learning;

/// <summary>Evidence of one cell: observed seconds, the profile's seconds for the same pieces, and how many edge traversals they make up.</summary>
/// <param name="Observed">Σ observed seconds.</param>
/// <param name="Profile">Σ profile seconds of the same pieces.</param>
/// <param name="Count">Σ traversed share of the edge (a full traversal counts 1).</param>
public readonly record struct EdgeTimeSums(double Observed, double Profile, double Count)
{
    /// <summary>The sums with one more observation.</summary>
    public EdgeTimeSums Add(double observed, double profile, double count) => new(Observed + observed, Profile + profile, Count + count);

    /// <summary>
    /// The observed/profile ratio shrunk towards <paramref name="prior"/> by credibility Z = n / (n + k) (Bühlmann 1967):
    /// no evidence gives the prior, k traversals give half weight, many give the data.
    /// </summary>
    public double Shrink(double prior, double k) =>
        Count <= 0 || Profile <= 0 ? prior : (Count * (Observed / Profile) + k * prior) / (Count + k);
}
