namespace DemandMobility.Routing.Contraction;

/// <summary>An arc of the overlay graph while contracting: the other end, packed weight and arc info.</summary>
internal struct OverlayArc
{
    public int Node;
    public long Weight;
    public int Info;

    public OverlayArc(int node, long weight, int info)
    {
        Node = node;
        Weight = weight;
        Info = info;
    }
}
