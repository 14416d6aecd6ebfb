using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Extract;

/// <summary>A via-node turn restriction as read from OSM (ids, not yet matched to the graph).</summary>
internal readonly record struct RawRestriction(long FromWay, long ViaNode, long ToWay, bool IsOnly);

/// <summary>A via-way turn restriction as read from OSM: from-way, via-way (one way), to-way.</summary>
internal readonly record struct RawViaWayRestriction(long FromWay, long ViaWay, long ToWay, bool IsOnly);

/// <summary>A <c>place=*</c> node that marks a settlement centre.</summary>
internal readonly record struct PlaceNode(int LatE7, int LonE7, string Type);

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

    /// <summary>Via-way restrictions (applied on the turn-aware graph).</summary>
    public readonly List<RawViaWayRestriction> ViaWayRestrictionList = new();

    /// <summary>Nodes whose barrier tag blocks the vehicle.</summary>
    public readonly List<long> BarrierNodes = new();

    /// <summary>Nodes with traffic control (signals, stop, give way, level crossing).</summary>
    public readonly List<(long Id, Graph.NodeControl Control)> ControlNodes = new();

    /// <summary>Settlement centres (place nodes).</summary>
    public readonly List<PlaceNode> Places = new();

    /// <summary>Positions of <c>traffic_sign=city_limit</c> nodes (town entrance signs, Zeichen 310).</summary>
    public readonly List<(int LatE7, int LonE7)> CityLimitSigns = new();

    /// <summary>Closed built-up landuse ways: node ids of way k are LanduseRefs[LanduseRefStart[k] .. LanduseRefStart[k+1]-1].</summary>
    public readonly List<long> LanduseRefs = new();

    /// <summary>Offsets into <see cref="LanduseRefs"/>; starts with 0.</summary>
    public readonly List<int> LanduseRefStart = new() { 0 };

    public long OsmNodes;
    public long OsmWays;
    public long OsmRelations;
    public int RestrictionsRead;
    public int ViaWayRestrictions;
    public int RestrictionsInvalid;

    public int WayCount => WayIds.Count;
}
