namespace DemandMobility.Routing.Pbf;

/// <summary>An OSM element read from a PBF file: a <see cref="OsmNode"/>, <see cref="OsmWay"/> or <see cref="OsmRelation"/>.</summary>
public abstract record OsmElement(long Id, OsmTags Tags);

/// <summary>An OSM node with its position in 1e-7 degrees.</summary>
public sealed record OsmNode(long Id, int LatitudeE7, int LongitudeE7, OsmTags Tags) : OsmElement(Id, Tags)
{
    /// <summary>Latitude in degrees.</summary>
    public double Latitude => LatitudeE7 * 1e-7;

    /// <summary>Longitude in degrees.</summary>
    public double Longitude => LongitudeE7 * 1e-7;
}

/// <summary>An OSM way: an ordered list of node ids.</summary>
public sealed record OsmWay(long Id, long[] NodeIds, OsmTags Tags) : OsmElement(Id, Tags);

/// <summary>An OSM relation: an ordered list of members with roles.</summary>
public sealed record OsmRelation(long Id, OsmMember[] Members, OsmTags Tags) : OsmElement(Id, Tags);

/// <summary>Kind of a relation member.</summary>
public enum OsmMemberType
{
    /// <summary>A node.</summary>
    Node = 0,
    /// <summary>A way.</summary>
    Way = 1,
    /// <summary>A relation.</summary>
    Relation = 2,
}

/// <summary>One member of a relation.</summary>
public readonly record struct OsmMember(OsmMemberType Type, long Id, string Role);
