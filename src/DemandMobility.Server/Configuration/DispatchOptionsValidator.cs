using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="DispatchOptions"/> at start; messages name the setting and the allowed range.</summary>
public sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatchOptions o)
    {
        var errors = Errors(o, DispatchOptions.SectionName);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// One message per setting out of range, each naming <paramref name="prefix"/>:setting; only the settings
    /// <paramref name="include"/> accepts (all when null), so a section overriding a few settings (a service area's
    /// <c>Rules</c>) is blamed only for its own.
    /// </summary>
    public static List<string> Errors(DispatchOptions o, string prefix, Func<string, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new List<string>();
        void Check(string key, bool valid, string message)
        {
            if (!valid && (include is null || include(key))) errors.Add($"{prefix}:{key} {message}");
        }
        void Range(string key, TimeSpan value, TimeSpan min, TimeSpan max) =>
            Check(key, value >= min && value <= max, $"{value} must be between {min} and {max}.");

        Range(nameof(o.PromiseWindow), o.PromiseWindow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));
        Range(nameof(o.MaxWait), o.MaxWait, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(nameof(o.MissedPickupGrace), o.MissedPickupGrace, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(nameof(o.ShiftStartGrace), o.ShiftStartGrace, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(nameof(o.FixStoreInterval), o.FixStoreInterval, TimeSpan.Zero, TimeSpan.FromHours(1));
        Range(nameof(o.OfferExpiry), o.OfferExpiry, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30));
        Range(nameof(o.MaxRideTimeConstant), o.MaxRideTimeConstant, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(nameof(o.ReoptimisationInterval), o.ReoptimisationInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(nameof(o.ReoptimisationHorizon), o.ReoptimisationHorizon, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
        Check(nameof(o.MaxWalkingDistanceMeters), o.MaxWalkingDistanceMeters is >= 0 and <= 2000, $"{o.MaxWalkingDistanceMeters} must be 0..2000.");
        Check(nameof(o.MaxRideTimeFactor), double.IsFinite(o.MaxRideTimeFactor) && o.MaxRideTimeFactor is >= 1 and <= 5, $"{o.MaxRideTimeFactor} must be 1..5.");
        Check(nameof(o.MaxStreamsPerCaller), o.MaxStreamsPerCaller is >= 1 and <= 1000, $"{o.MaxStreamsPerCaller} must be 1..1000.");
        Check(nameof(o.BookingHorizonDays), o.BookingHorizonDays is >= 1 and <= 90, $"{o.BookingHorizonDays} must be 1..90.");
        Check(nameof(o.MinTripMeters), o.MinTripMeters is >= 0 and <= 10_000, $"{o.MinTripMeters} must be 0..10000.");
        Check(nameof(o.MaxPassengersPerBooking), o.MaxPassengersPerBooking is >= 1 and <= 60, $"{o.MaxPassengersPerBooking} must be 1..60.");
        Check(nameof(o.MaxLuggagePerBooking), o.MaxLuggagePerBooking is >= 0 and <= 10, $"{o.MaxLuggagePerBooking} must be 0..10.");
        return errors;
    }
}
