using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>
/// Checks <see cref="RoutingOptions"/> at start. File existence is left to the router's loader, which
/// reports the resolved path; here only the shape of the settings is checked.
/// </summary>
public sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PbfPath) && string.IsNullOrWhiteSpace(options.GraphFile))
            errors.Add("Routing:PbfPath or Routing:GraphFile must be set.");
        if (!string.IsNullOrWhiteSpace(options.PbfPath) && !options.PbfPath.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase))
            errors.Add($"Routing:PbfPath '{options.PbfPath}' must name an OpenStreetMap .pbf file.");
        if (string.IsNullOrWhiteSpace(options.Profile))
            errors.Add("Routing:Profile must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
