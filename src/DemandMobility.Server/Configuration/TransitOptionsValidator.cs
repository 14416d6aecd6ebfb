using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="TransitOptions"/> at start; each error names its setting.</summary>
public sealed class TransitOptionsValidator : IValidateOptions<TransitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TransitOptions options)
    {
        var errors = new List<string>();
        if (options.RealtimeInterval < TimeSpan.FromSeconds(1) || options.RealtimeInterval > TimeSpan.FromHours(1))
            errors.Add($"Transit:RealtimeInterval {options.RealtimeInterval} must lie between 00:00:01 and 01:00:00.");
        string feed = options.RealtimeFeed ?? "";
        if (feed.Contains("://", StringComparison.Ordinal) &&
            (!Uri.TryCreate(feed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"Transit:RealtimeFeed '{feed}' must be an http(s) URL or a file path.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
