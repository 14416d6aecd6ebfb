using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// The standard way-processing steps, in the order profiles run them (modelled on OSRM's car profile
/// handlers: blocked ways, highway class, access, oneway, maxspeed, speed).
/// </summary>
public static class WayHandlers
{
    /// <summary>
    /// Areas, ferries (not modelled: no timetable), impassable, disused and abandoned ways and emergency-access
    /// service roads are not drivable.
    /// </summary>
    public static void BlockedWays(WayContext c)
    {
        var t = c.Tags;
        if (t["area"] == "yes" || t["route"] == "ferry" || t["impassable"] == "yes" || t["status"] == "impassable"
            || t["disused"] == "yes" || t["abandoned"] == "yes" || t["service"] == "emergency_access")
            c.Blocked = true;
    }

    /// <summary>Looks up the <c>highway</c> value in the profile's table; unknown classes are not drivable.</summary>
    public static void HighwayClass(WayContext c)
    {
        string? highway = c.Tags["highway"];
        if (highway is null || !c.Profile.Highways.TryGetValue(highway, out var spec))
        {
            c.Blocked = true;
            return;
        }
        c.Highway = spec;
    }

    /// <summary>
    /// Access tags, most specific key wins (OSM wiki "Key:access" hierarchy). The profile's override keys
    /// (psv, bus) are applied last because the vehicle is a public service vehicle. Ways whose class needs an
    /// explicit permission (tracks, paths) are drivable only if a vehicle-specific key says yes.
    /// </summary>
    public static void Access(WayContext c)
    {
        var p = c.Profile;
        bool? allowed = null;
        bool explicitVehicleYes = false;
        foreach (string key in p.AccessKeys)
            Apply(key, ref allowed, ref explicitVehicleYes);
        foreach (string key in p.ServiceAccessKeys)
            Apply(key, ref allowed, ref explicitVehicleYes);

        if (allowed == false || (c.Highway!.NeedsExplicitAccess && !explicitVehicleYes))
            c.Blocked = true;

        void Apply(string key, ref bool? result, ref bool explicitYes)
        {
            string? value = c.Tags[key];
            if (value is null)
                return;
            if (p.AllowedAccessValues.Contains(value))
            {
                result = true;
                if (key != "access")
                    explicitYes = true;
            }
            else if (p.DeniedAccessValues.Contains(value))
            {
                result = false;
                explicitYes = false;
            }
            // Unknown values (e.g. "unknown", "permit") leave the decision of the less specific key.
        }
    }

    /// <summary>
    /// <c>oneway</c> yes/true/1, -1/reverse, no; implied on motorways, their links and roundabouts/circular
    /// junctions; reversible/alternating ways are not drivable (their direction changes by time).
    /// Profile exception keys (e.g. <c>oneway:psv=no</c>) lift the restriction.
    /// </summary>
    public static void Oneway(WayContext c)
    {
        string? oneway = c.Tags["oneway"];
        string? junction = c.Tags["junction"];
        bool implied = c.Highway!.ImpliedOneway || junction == "roundabout" || junction == "circular";
        switch (oneway)
        {
            case "yes" or "true" or "1":
                c.Backward = false;
                break;
            case "-1" or "reverse":
                c.Forward = false;
                break;
            case "no" or "false" or "0":
                break;
            case "reversible" or "alternating":
                c.Blocked = true;
                return;
            default:
                if (implied)
                    c.Backward = false;
                break;
        }
        foreach (string key in c.Profile.OnewayExceptionKeys)
        {
            if (c.Tags[key] == "no")
            {
                c.Forward = true;
                c.Backward = true;
            }
        }
    }

    /// <summary>
    /// Tagged legal limit per direction: <c>maxspeed:forward/backward</c>, then <c>maxspeed</c>, then the German
    /// implicit-zone tags (<c>maxspeed:type</c>, <c>zone:maxspeed</c>, <c>source:maxspeed</c> = DE:urban etc.).
    /// Invalid values are ignored. Untagged directions are left to <see cref="Speed"/>, which knows the settlement state.
    /// </summary>
    public static void Maxspeed(WayContext c)
    {
        bool any = MaxspeedParser.TryParse(c.Tags["maxspeed"], out double tagged)
            || MaxspeedParser.TryParse(c.Tags["maxspeed:type"], out tagged)
            || MaxspeedParser.TryParse(c.Tags["zone:maxspeed"], out tagged)
            || MaxspeedParser.TryParse(c.Tags["source:maxspeed"], out tagged);
        // "none" (no limit) leaves the class speed and the vehicle's own limits in charge, as for an untagged way.
        if (double.IsPositiveInfinity(tagged)) any = false;
        if (MaxspeedParser.TryParse(c.Tags["maxspeed:forward"], out double f) && !double.IsPositiveInfinity(f))
            (c.ForwardTagged, c.ForwardLegalKmh) = (true, f);
        else
            (c.ForwardTagged, c.ForwardLegalKmh) = (any, tagged);
        if (MaxspeedParser.TryParse(c.Tags["maxspeed:backward"], out double b) && !double.IsPositiveInfinity(b))
            (c.BackwardTagged, c.BackwardLegalKmh) = (true, b);
        else
            (c.BackwardTagged, c.BackwardLegalKmh) = (any, tagged);
    }

    /// <summary>
    /// Expected speed per direction and settlement state. Tagged: min(limit, vehicle maximum) x class limit factor.
    /// Untagged: min(class speed, legal default x limit factor), where the legal default is the vehicle's rural
    /// limit (motorways: its motorway limit) outside and 50 km/h inside built-up areas (StVO §3(3)); motorways
    /// keep their rural value inside. The class cap bounds both.
    /// </summary>
    public static void Speed(WayContext c)
    {
        var h = c.Highway!;
        var p = c.Profile;
        double ruralDefault = Math.Min(h.Motorway ? p.MotorwayLimitKmh : p.RuralLimitKmh, p.MaxSpeedKmh);
        double urbanDefault = h.Motorway ? ruralDefault : Math.Min(p.UrbanLimitKmh, p.MaxSpeedKmh);
        double rural = Math.Min(h.SpeedKmh, ruralDefault * h.LimitFactor);
        double urban = Math.Min(h.SpeedKmh, urbanDefault * h.LimitFactor);
        c.ForwardKmh = c.ForwardTagged ? Tagged(c.ForwardLegalKmh) : Math.Min(rural, h.ClassCapKmh);
        c.BackwardKmh = c.BackwardTagged ? Tagged(c.BackwardLegalKmh) : Math.Min(rural, h.ClassCapKmh);
        c.UrbanForwardKmh = c.ForwardTagged ? c.ForwardKmh : Math.Min(urban, h.ClassCapKmh);
        c.UrbanBackwardKmh = c.BackwardTagged ? c.BackwardKmh : Math.Min(urban, h.ClassCapKmh);
        if (c.ForwardKmh <= 0 || c.BackwardKmh <= 0)
            c.Blocked = true;

        double Tagged(double limit) => Math.Min(Math.Min(limit, p.MaxSpeedKmh) * h.LimitFactor, h.ClassCapKmh);
    }
}
