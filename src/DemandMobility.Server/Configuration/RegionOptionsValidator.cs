using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="RegionOptions"/> at start: a valid simple polygon and stops inside it.</summary>
public sealed class RegionOptionsValidator : IValidateOptions<RegionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RegionOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name)) errors.Add("Region:Name must not be empty.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            errors.Add($"Region:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. Europe/Berlin).");

        var pointsValid = true;
        for (var i = 0; i < options.ServiceArea.Count; i++)
        {
            var p = options.ServiceArea[i];
            if (p is null || p.Length != 2)
            {
                errors.Add($"Region:ServiceArea:{i} must be a [lon, lat] pair.");
                pointsValid = false;
            }
            else if (!IsLon(p[0]) || !IsLat(p[1]))
            {
                errors.Add($"Region:ServiceArea:{i} [{p[0]}, {p[1]}] is not a valid [lon, lat] (lon in -180..180, lat in -90..90).");
                pointsValid = false;
            }
        }

        ServiceAreaPolygon? polygon = null;
        if (pointsValid)
        {
            polygon = new ServiceAreaPolygon(options.ServiceArea);
            if (polygon.VertexCount < 3)
            {
                errors.Add($"Region:ServiceArea needs at least 3 distinct [lon, lat] points (has {polygon.VertexCount}).");
                polygon = null;
            }
            else if (polygon.FindSelfIntersection() is { } crossing)
            {
                errors.Add($"Region:ServiceArea is self-intersecting: edge {crossing.EdgeA} crosses edge {crossing.EdgeB}.");
                polygon = null;
            }
            else if (polygon.SignedArea() == 0)
            {
                errors.Add("Region:ServiceArea has zero area (all points on a line).");
                polygon = null;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Stops.Count; i++)
        {
            var stop = options.Stops[i];
            if (!IdentifierRules.IsValidId(stop.Id))
                errors.Add($"Region:Stops:{i}:Id '{stop.Id}' must be 1..64 chars of [A-Za-z0-9._-].");
            else if (!seen.Add(stop.Id))
                errors.Add($"Region:Stops:{i}:Id '{stop.Id}' is used twice.");
            if (!IsLat(stop.Lat) || !IsLon(stop.Lon))
                errors.Add($"Region:Stops:{i} ({stop.Id}) has invalid coordinates {stop.Lat}, {stop.Lon}.");
            else if (polygon is not null && !polygon.Contains(stop.Lat, stop.Lon))
                errors.Add($"Region:Stops:{i} ({stop.Id}) at {stop.Lat}, {stop.Lon} lies outside Region:ServiceArea.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsLat(double v) => double.IsFinite(v) && v is >= -90 and <= 90;

    internal static bool IsLon(double v) => double.IsFinite(v) && v is >= -180 and <= 180;
}
