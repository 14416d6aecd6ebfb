namespace DemandMobility.Storage;

/// <summary>
/// The store cannot be opened or used safely: the file or database is not ours, has a newer schema,
/// or is unreachable. The message names the file or database; nothing was modified.
/// </summary>
public sealed class DispatchStoreException : Exception
{
    /// <summary>Creates the exception with a message naming the storage location and the problem.</summary>
    public DispatchStoreException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the provider's error.</summary>
    public DispatchStoreException(string message, Exception innerException) : base(message, innerException) { }
}
