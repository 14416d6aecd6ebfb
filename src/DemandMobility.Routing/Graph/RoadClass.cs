namespace DemandMobility.Routing.Graph;

/// <summary>Coarse road classes kept per edge (from the OSM <c>highway</c> tag).</summary>
public enum RoadClass : byte
{
    /// <summary>Motorway and motorway links.</summary>
    Motorway = 0,
    /// <summary>Trunk roads and links.</summary>
    Trunk = 1,
    /// <summary>Primary roads and links.</summary>
    Primary = 2,
    /// <summary>Secondary roads and links.</summary>
    Secondary = 3,
    /// <summary>Tertiary roads and links.</summary>
    Tertiary = 4,
    /// <summary>Unclassified roads (in Germany: small connecting roads between villages).</summary>
    Unclassified = 5,
    /// <summary>Residential streets.</summary>
    Residential = 6,
    /// <summary>Living streets (walking pace).</summary>
    LivingStreet = 7,
    /// <summary>Service roads.</summary>
    Service = 8,
    /// <summary>Tracks and other ways that are drivable only because a tag explicitly allows it.</summary>
    Other = 9,
}
