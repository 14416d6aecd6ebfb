namespace DemandMobility.Dispatch.Domain;

/// <summary>The authenticated caller as the transport layer established it (e.g. from a JWT).</summary>
/// <param name="Role">The caller's role.</param>
/// <param name="Subject">Rider id, shop id, or the driver's vehicle id.</param>
public sealed record CallerIdentity(CallerRole Role, string Subject)
{
    /// <summary>A dispatcher identity (control room, simulator).</summary>
    public static CallerIdentity Dispatcher(string subject = "dispatcher") => new(CallerRole.Dispatcher, subject);

    /// <summary>A rider identity.</summary>
    public static CallerIdentity Rider(string riderId) => new(CallerRole.Rider, riderId);

    /// <summary>A shop identity.</summary>
    public static CallerIdentity Shop(string shopId) => new(CallerRole.Shop, shopId);

    /// <summary>A driver of the given vehicle.</summary>
    public static CallerIdentity Driver(string vehicleId) => new(CallerRole.Driver, vehicleId);

    /// <summary>True when the caller may see an object owned by <paramref name="owner"/>.</summary>
    public bool CanSee(string owner) => Role == CallerRole.Dispatcher || Subject == owner;
}
