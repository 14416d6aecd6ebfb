using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="LearningSettings"/> at start; each error names its setting.</summary>
public sealed class LearningSettingsValidator : IValidateOptions<LearningSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LearningSettings options)
    {
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(10) || options.Interval > TimeSpan.FromDays(1))
            errors.Add($"Learning:Interval {options.Interval} must lie between 00:00:10 and 1.00:00:00.");
        if (string.IsNullOrWhiteSpace(options.FileName) || options.FileName.IndexOfAny(['/', '\\']) >= 0 || options.FileName is "." or "..")
            errors.Add($"Learning:FileName '{options.FileName}' must be a plain file name (it lives in the data folder).");
        if (string.IsNullOrWhiteSpace(options.TimeZone))
            errors.Add("Learning:TimeZone must not be empty.");
        else
        {
            try { TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone); }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors.Add($"Learning:TimeZone '{options.TimeZone}' is not a known time zone.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
