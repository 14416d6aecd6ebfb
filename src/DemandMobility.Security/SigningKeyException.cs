namespace DemandMobility.Security;

/// <summary>The JWT signing key cannot be loaded or created; the message names the file or setting.</summary>
public sealed class SigningKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SigningKeyException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping an I/O error.</summary>
    public SigningKeyException(string message, Exception innerException) : base(message, innerException) { }
}
