namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// Keys for personal data, one per booking, kept outside the event log so that deleting a key erases the data it
/// sealed ("crypto-shredding"): the log keeps only ciphertext, which replays but can no longer be read once the key is
/// gone, while the booking and its statistics stay.
/// </summary>
public interface IPersonalDataVault
{
    /// <summary>The key of <paramref name="subject"/>, created (32 random bytes) when <paramref name="create"/> and missing; null when erased or unknown.</summary>
    byte[]? KeyFor(string subject, bool create);

    /// <summary>Deletes the key of <paramref name="subject"/> for good.</summary>
    void Erase(string subject);
}
