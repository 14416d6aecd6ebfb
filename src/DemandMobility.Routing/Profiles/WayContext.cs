using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// Working state passed through a profile's ordered <see cref="WayHandler"/> steps for one way. A handler
/// reads the tags and earlier decisions and refines access/speed; once <see cref="Blocked"/> is set the
/// remaining steps are skipped.
/// </summary>
public sealed class WayContext
{
    /// <summary>Creates the context for one way.</summary>
    public WayContext(OsmTags tags, VehicleProfile profile)
    {
        Tags = tags;
        Profile = profile;
    }

    /// <summary>The way's tags.</summary>
    public OsmTags Tags { get; }

    /// <summary>The profile being applied.</summary>
    public VehicleProfile Profile { get; }

    /// <summary>The highway spec chosen by the classification step (null until then).</summary>
    public HighwaySpec? Highway { get; set; }

    /// <summary>Set when the way is not drivable at all.</summary>
    public bool Blocked { get; set; }

    /// <summary>Drivable along the node order.</summary>
    public bool Forward { get; set; } = true;

    /// <summary>Drivable against the node order.</summary>
    public bool Backward { get; set; } = true;

    /// <summary>Legal limit along the node order (km/h; +inf = none).</summary>
    public double ForwardLegalKmh { get; set; }

    /// <summary>Legal limit against the node order (km/h; +inf = none).</summary>
    public double BackwardLegalKmh { get; set; }

    /// <summary>True when <see cref="ForwardLegalKmh"/> comes from a tag (it then holds inside and outside settlements).</summary>
    public bool ForwardTagged { get; set; }

    /// <summary>True when <see cref="BackwardLegalKmh"/> comes from a tag.</summary>
    public bool BackwardTagged { get; set; }

    /// <summary>Final speed along the node order outside built-up areas (km/h).</summary>
    public double ForwardKmh { get; set; }

    /// <summary>Final speed against the node order outside built-up areas (km/h).</summary>
    public double BackwardKmh { get; set; }

    /// <summary>Final speed along the node order inside built-up areas (km/h).</summary>
    public double UrbanForwardKmh { get; set; }

    /// <summary>Final speed against the node order inside built-up areas (km/h).</summary>
    public double UrbanBackwardKmh { get; set; }
}

/// <summary>One ordered step of a profile (as OSRM's car.lua handlers): inspects tags, refines the context.</summary>
public delegate void WayHandler(WayContext context);
