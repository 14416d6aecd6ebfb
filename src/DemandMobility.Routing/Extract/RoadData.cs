using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Extract;

/// <summary>A via-node turn restriction as read from OSM (ids, not yet matched to the graph).</summary>
internal readonly record struct RawRestriction(long FromWay, long ViaNode, long ToWay, bool IsOnly);

/// <summary>What the single PBF pass collects: all node positions, the drivable ways and the restrictions.</summary>
internal sealed class RoadData
{
    public readonly List<long> NodeIds = new();
    public readonly List<int> NodeLats = new();
    public readonly List<int> NodeLons = new();

    public readonly List<long> WayIds = new();
    public readonly List<int> WayRefStart = new() { 0 };
    public readonly List<long> Refs = new();
    public readonly List<WayProfileResult> WayResults = new();

    public readonly List<RawRestriction> Restrictions = new();

    /// <summary>Nodes whose barrier tag blocks the vehicle.</summary>
    public readonly List<long> BarrierNodes = new();

    public long OsmNodes;
    public long OsmWays;
    public long OsmRelations;
    public int RestrictionsRead;
    public int ViaWayRestrictions;
    public int RestrictionsInvalid;

    public int WayCount => WayIds.Count;
}
