namespace DemandMobility.Cluster.Security;

/// <summary>
/// Where the silo's certificate comes from, with the configuration keys to name in errors.
/// </summary>
/// <param name="Path">A PKCS#12 (.pfx/.p12) file, or a PEM certificate file when <paramref name="KeyPath"/> is given.</param>
/// <param name="KeyPath">The PEM private key file beside a PEM certificate; null for a PFX.</param>
/// <param name="Password">The PFX's password, or the PEM key's when it is encrypted; null or empty for none.</param>
/// <param name="Section">The configuration section the three came from (e.g. <c>Cluster:Silo:Tls</c>), named in errors.</param>
public sealed record SiloCertificateSource(string? Path, string? KeyPath, string? Password, string Section);
