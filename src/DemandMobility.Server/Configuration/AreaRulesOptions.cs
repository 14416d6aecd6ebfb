namespace DemandMobility.Server.Configuration;

/// <summary>
/// <c>Cluster:Areas:i:Rules</c>: the dispatch rules of one service area where they differ from the region's
/// <c>Dispatch</c> section. A setting left out keeps the <c>Dispatch</c> value; the same names and ranges apply
/// (<see cref="DispatchOptionsValidator"/>). A trip follows the rules of the area of its origin, wherever it ends.
/// </summary>
public sealed class AreaRulesOptions
{
    /// <summary>Width of the promised pickup window.</summary>
    public TimeSpan? PromiseWindow { get; set; }

    /// <summary>How long after the requested departure the planned pickup may be.</summary>
    public TimeSpan? MaxWait { get; set; }

    /// <summary>How long an offer is held for confirmation.</summary>
    public TimeSpan? OfferExpiry { get; set; }

    /// <summary>Furthest virtual stop from a requested point, in metres.</summary>
    public int? MaxWalkingDistanceMeters { get; set; }

    /// <summary>Maximum ride time = factor × direct time + constant: the factor.</summary>
    public double? MaxRideTimeFactor { get; set; }

    /// <summary>Maximum ride time: the constant.</summary>
    public TimeSpan? MaxRideTimeConstant { get; set; }

    /// <summary>How many days ahead trips can be booked (also how far the area's configured shift calendars reach).</summary>
    public int? BookingHorizonDays { get; set; }

    /// <summary>Shortest trip, in metres.</summary>
    public int? MinTripMeters { get; set; }

    /// <summary>Most travellers of one booking.</summary>
    public int? MaxPassengersPerBooking { get; set; }

    /// <summary>Most luggage places of one booking.</summary>
    public int? MaxLuggagePerBooking { get; set; }

    /// <summary>How long after the promised window a pickup without boarding is given up as missed.</summary>
    public TimeSpan? MissedPickupGrace { get; set; }

    /// <summary>How long after a shift window starts without StartShift its bookings are re-planned.</summary>
    public TimeSpan? ShiftStartGrace { get; set; }

    private static readonly System.Reflection.PropertyInfo[] Settings = typeof(AreaRulesOptions).GetProperties(
        System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance);

    /// <summary>The names of the settings this section may hold (configuration keys are matched case-insensitively).</summary>
    public static IReadOnlyList<string> Names { get; } = Settings.Select(p => p.Name).ToArray();

    /// <summary>The names of the settings this area sets.</summary>
    public IReadOnlyList<string> Overridden() => Settings.Where(p => p.GetValue(this) is not null).Select(p => p.Name).ToArray();

    /// <summary>
    /// The region's <paramref name="dispatch"/> rules with this area's settings in place (a copy; every setting of
    /// <see cref="DispatchOptions"/> is copied, so one added there is inherited by the areas without a change here).
    /// </summary>
    public DispatchOptions ApplyTo(DispatchOptions dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var result = new DispatchOptions();
        foreach (var p in typeof(DispatchOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            if (p.CanWrite) p.SetValue(result, p.GetValue(dispatch));
        foreach (var p in Settings)
            if (p.GetValue(this) is { } value)
                (typeof(DispatchOptions).GetProperty(p.Name) ?? throw new InvalidOperationException($"Dispatch has no setting {p.Name}.")).SetValue(result, value);
        return result;
    }
}
