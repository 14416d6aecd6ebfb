using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="FleetOptions"/> at start, including that depots lie in the service area.</summary>
public sealed class FleetOptionsValidator(IOptions<RegionOptions> region) : IValidateOptions<FleetOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        var errors = new List<string>();
        // Only test containment against an area that itself validated; its own errors are reported once, by RegionOptionsValidator.
        ServiceAreaPolygon? area;
        try
        {
            area = new ServiceAreaPolygon(region.Value.ServiceArea);
        }
        catch (OptionsValidationException)
        {
            area = null;
        }

        errors.AddRange(Errors(options, "Fleet", area is null ? null : area.Contains, "Region:ServiceArea"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The problems of a fleet section, each naming its setting under <paramref name="prefix"/> (e.g. <c>Fleet</c> or
    /// <c>Cluster:Areas:1:Fleet</c>); depots are checked with <paramref name="inArea"/> (lat, lon) when given.
    /// </summary>
    public static IReadOnlyList<string> Errors(FleetOptions options, string prefix, Func<double, double, bool>? inArea, string areaName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Vehicles.Count; i++)
        {
            var v = options.Vehicles[i];
            var at = $"{prefix}:Vehicles:{i}";
            if (!IdentifierRules.IsValidId(v.Id)) errors.Add($"{at}:Id '{v.Id}' must be 1..64 chars of [A-Za-z0-9._-].");
            else if (!seen.Add(v.Id)) errors.Add($"{at}:Id '{v.Id}' is used twice.");
            if (v.Seats is < 1 or > 60) errors.Add($"{at}:Seats {v.Seats} must be 1..60.");
            if (v.WheelchairPlaces is < 0 or > 4) errors.Add($"{at}:WheelchairPlaces {v.WheelchairPlaces} must be 0..4.");
            if (v.ParcelUnits is < 0 or > 50) errors.Add($"{at}:ParcelUnits {v.ParcelUnits} must be 0..50.");
            if (v.Luggage is < 0 or > 10) errors.Add($"{at}:Luggage {v.Luggage} must be 0..10.");
            if (!RegionOptionsValidator.IsLat(v.DepotLat) || !RegionOptionsValidator.IsLon(v.DepotLon))
                errors.Add($"{at}:DepotLat/DepotLon {v.DepotLat}, {v.DepotLon} are not valid coordinates.");
            else if (inArea is not null && !inArea(v.DepotLat, v.DepotLon))
                errors.Add($"{at} ({v.Id}) depot {v.DepotLat}, {v.DepotLon} lies outside {areaName}.");
            var length = v.ShiftEnd - v.ShiftStart;
            if (v.ShiftEnd <= v.ShiftStart || length > TimeSpan.FromHours(14))
                errors.Add($"{at}:ShiftEnd {v.ShiftEnd:HH\\:mm} must be after ShiftStart {v.ShiftStart:HH\\:mm} and at most 14 h later.");
        }

        return errors;
    }
}
