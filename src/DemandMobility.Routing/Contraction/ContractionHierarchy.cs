namespace DemandMobility.Routing.Contraction;

/// <summary>
/// A contraction hierarchy over a <see cref="Graph.RoadGraph"/>: node ranks plus the upward and downward
/// search graphs as flat CSR arrays. Weights are packed (duration, distance) values, see
/// <see cref="Query.PathWeight"/>. Immutable after construction and safe to share between threads.
/// </summary>
/// <remarks>
/// Arc info convention (both directions): a value &gt;= 0 is the id of the original <c>RoadGraph</c> edge;
/// a negative value <c>~m</c> marks a shortcut whose middle node is <c>m</c>. Because every arc incident to
/// a node is final once that node is contracted, the two halves of a shortcut u→x via m are found as the
/// downward arc u→m stored at m and the upward arc m→x stored at m.
/// </remarks>
public sealed class ContractionHierarchy
{
    /// <summary>Creates a hierarchy from its arrays (taken over, not copied).</summary>
    public ContractionHierarchy(
        int[] rank,
        int[] upFirst, int[] upTarget, long[] upWeight, int[] upInfo,
        int[] downFirst, int[] downSource, long[] downWeight, int[] downInfo)
    {
        int n = rank.Length;
        if (upFirst.Length != n + 1 || downFirst.Length != n + 1)
            throw new ArgumentException("Hierarchy CSR offsets must have node count + 1 entries.");
        if (upTarget.Length != upFirst[n] || upWeight.Length != upFirst[n] || upInfo.Length != upFirst[n])
            throw new ArgumentException("Upward arc arrays must have the upward arc count.");
        if (downSource.Length != downFirst[n] || downWeight.Length != downFirst[n] || downInfo.Length != downFirst[n])
            throw new ArgumentException("Downward arc arrays must have the downward arc count.");
        Rank = rank;
        UpFirst = upFirst; UpTarget = upTarget; UpWeight = upWeight; UpInfo = upInfo;
        DownFirst = downFirst; DownSource = downSource; DownWeight = downWeight; DownInfo = downInfo;
    }

    /// <summary>Number of nodes (equal to the road graph's).</summary>
    public int NodeCount => Rank.Length;

    /// <summary>Contraction order: a node contracted later has a higher rank.</summary>
    public int[] Rank { get; }

    /// <summary>Upward arcs v→x (rank x &gt; rank v) of node v: UpFirst[v] .. UpFirst[v+1]-1.</summary>
    public int[] UpFirst { get; }
    /// <summary>Target of each upward arc.</summary>
    public int[] UpTarget { get; }
    /// <summary>Packed weight of each upward arc.</summary>
    public long[] UpWeight { get; }
    /// <summary>Original edge id (&gt;= 0) or ~middle node (&lt; 0) of each upward arc.</summary>
    public int[] UpInfo { get; }

    /// <summary>Downward arcs u→v (rank u &gt; rank v) stored at v: DownFirst[v] .. DownFirst[v+1]-1.</summary>
    public int[] DownFirst { get; }
    /// <summary>Source u of each downward arc.</summary>
    public int[] DownSource { get; }
    /// <summary>Packed weight of each downward arc.</summary>
    public long[] DownWeight { get; }
    /// <summary>Original edge id (&gt;= 0) or ~middle node (&lt; 0) of each downward arc.</summary>
    public int[] DownInfo { get; }

    /// <summary>Number of arcs that are shortcuts.</summary>
    public int ShortcutCount
    {
        get
        {
            int c = 0;
            foreach (int i in UpInfo) if (i < 0) c++;
            foreach (int i in DownInfo) if (i < 0) c++;
            return c;
        }
    }
}
