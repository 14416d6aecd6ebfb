namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// Who travels on a booking made for someone else (a phone booking): personal data, set only by a dispatcher, shown
/// only to the driver and the control room, stored only encrypted (see <see cref="Persistence.IPersonalDataVault"/>)
/// and erasable. <see cref="ToString"/> redacts it, so it never reaches a log through a record's printout.
/// </summary>
/// <param name="Name">The traveller's name (at most 200 characters).</param>
/// <param name="Phone">How to reach them (at most 50 characters).</param>
public sealed record Traveller(string? Name, string? Phone)
{
    /// <summary>Redacted: personal data stays out of logs.</summary>
    public override string ToString() => "Traveller { redacted }";
}
