using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="DispatchOptions"/> at start; messages name the setting and the allowed range.</summary>
public sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatchOptions o)
    {
        var errors = new List<string>();
        Range(errors, "Dispatch:PromiseWindow", o.PromiseWindow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));
        Range(errors, "Dispatch:MissedPickupGrace", o.MissedPickupGrace, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(errors, "Dispatch:ShiftStartGrace", o.ShiftStartGrace, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(errors, "Dispatch:FixStoreInterval", o.FixStoreInterval, TimeSpan.Zero, TimeSpan.FromHours(1));
        Range(errors, "Dispatch:OfferExpiry", o.OfferExpiry, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30));
        Range(errors, "Dispatch:MaxRideTimeConstant", o.MaxRideTimeConstant, TimeSpan.Zero, TimeSpan.FromHours(2));
        Range(errors, "Dispatch:ReoptimisationInterval", o.ReoptimisationInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(errors, "Dispatch:ReoptimisationHorizon", o.ReoptimisationHorizon, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
        if (o.MaxWalkingDistanceMeters is < 0 or > 2000)
            errors.Add($"Dispatch:MaxWalkingDistanceMeters {o.MaxWalkingDistanceMeters} must be 0..2000.");
        if (!double.IsFinite(o.MaxRideTimeFactor) || o.MaxRideTimeFactor < 1 || o.MaxRideTimeFactor > 5)
            errors.Add($"Dispatch:MaxRideTimeFactor {o.MaxRideTimeFactor} must be 1..5.");
        if (o.MaxStreamsPerCaller is < 1 or > 1000)
            errors.Add($"Dispatch:MaxStreamsPerCaller {o.MaxStreamsPerCaller} must be 1..1000.");
        if (o.BookingHorizonDays is < 1 or > 90)
            errors.Add($"Dispatch:BookingHorizonDays {o.BookingHorizonDays} must be 1..90.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max) errors.Add($"{key} {value} must be between {min} and {max}.");
    }
}
