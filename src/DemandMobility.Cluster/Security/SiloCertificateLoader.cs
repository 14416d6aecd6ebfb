using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DemandMobility.Cluster.Security;

/// <summary>
/// Loads the silo's certificate and refuses one that cannot secure a connection: a missing or unreadable file, a
/// wrong password, no private key, or a certificate outside its validity period. Each refusal names the setting.
/// </summary>
public static class SiloCertificateLoader
{
    /// <summary>Loads and checks the certificate at <paramref name="now"/>.</summary>
    /// <exception cref="SiloTlsException">Names the setting and the problem.</exception>
    public static X509Certificate2 Load(SiloCertificateSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        string pathKey = source.Section + ":Path";
        if (string.IsNullOrWhiteSpace(source.Path))
            throw new SiloTlsException($"{pathKey} is required for silo TLS: a PKCS#12 file (.pfx) with its private key, " +
                                       $"or a PEM certificate with {source.Section}:KeyPath.");
        if (!File.Exists(source.Path))
            throw new SiloTlsException($"{pathKey} '{source.Path}' does not exist.");
        bool pem = !string.IsNullOrWhiteSpace(source.KeyPath);
        if (pem && !File.Exists(source.KeyPath))
            throw new SiloTlsException($"{source.Section}:KeyPath '{source.KeyPath}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            certificate = pem
                ? string.IsNullOrEmpty(source.Password)
                    ? X509Certificate2.CreateFromPemFile(source.Path, source.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(source.Path, source.Password, source.KeyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(source.Path, source.Password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            string what = pem ? "a PEM certificate and key" : "a PKCS#12 (.pfx) file";
            throw new SiloTlsException($"{pathKey} '{source.Path}' could not be read as {what}: {e.Message} " +
                                       $"(check the file and {source.Section}:Password).", e);
        }
        try
        {
            if (!certificate.HasPrivateKey)
                throw new SiloTlsException($"{pathKey} '{source.Path}' holds no private key for {certificate.Subject}; a silo " +
                                           "needs its own key to accept and open TLS connections.");
            if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
                throw new SiloTlsException($"{pathKey} '{source.Path}': the certificate {certificate.Subject} " +
                                           $"({certificate.Thumbprint}) expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; " +
                                           "make and roll out a new one (docs/operations.md, Silo TLS).");
            if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime())
                throw new SiloTlsException($"{pathKey} '{source.Path}': the certificate {certificate.Subject} is not valid " +
                                           $"before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC (check this machine's clock).");
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }
}
