using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace DemandMobility.Cluster.Security;

/// <summary>
/// TLS on every silo-to-silo and gateway connection. Both ends present a certificate (mutual TLS between silos);
/// a peer is accepted when its certificate is one of the <see cref="TrustedThumbprints"/> (which always include this
/// silo's own) and is within its validity period. Pinning rather than the machine's trust store: silos reach each
/// other by IP address, usually with a self-made certificate, and a certificate from any public CA must not let a
/// stranger join the cluster.
/// </summary>
/// <param name="Certificate">This silo's certificate with its private key.</param>
/// <param name="ClientCertificateMode">What the gateway asks of Orleans clients (silos always require one).</param>
/// <param name="TrustedThumbprints">SHA-1 thumbprints (upper-case hex) of the certificates peers may present.</param>
public sealed record SiloTls(X509Certificate2 Certificate, RemoteCertificateMode ClientCertificateMode, ImmutableHashSet<string> TrustedThumbprints)
{
    /// <summary>
    /// The settings with this silo's own certificate trusted, plus <paramref name="otherThumbprints"/> (another
    /// silo's certificate while certificates are being rotated). A malformed thumbprint is refused naming
    /// <paramref name="thumbprintsKey"/>.
    /// </summary>
    /// <exception cref="SiloTlsException">A thumbprint is not 40 hex digits.</exception>
    public static SiloTls Create(X509Certificate2 certificate, RemoteCertificateMode clientCertificateMode,
        IEnumerable<string> otherThumbprints, string thumbprintsKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var trusted = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        trusted.Add(certificate.Thumbprint.ToUpperInvariant());
        int i = 0;
        foreach (var raw in otherThumbprints ?? [])
        {
            var thumbprint = (raw ?? "").Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
            if (thumbprint.Length != 40 || !thumbprint.All(Uri.IsHexDigit))
                throw new SiloTlsException($"{thumbprintsKey}:{i} '{raw}' is not a certificate thumbprint (40 hex digits, SHA-1; " +
                                           "openssl x509 -noout -fingerprint -sha1 -in silo.crt).");
            trusted.Add(thumbprint);
            i++;
        }
        return new SiloTls(certificate, clientCertificateMode, trusted.ToImmutable());
    }

    /// <summary>Whether a peer's certificate may connect (chain and name errors are ignored: the certificate is pinned).</summary>
    public bool Accepts(X509Certificate2? remote, DateTimeOffset now) =>
        remote is not null
        && TrustedThumbprints.Contains(remote.Thumbprint.ToUpperInvariant())
        && now.UtcDateTime >= remote.NotBefore.ToUniversalTime()
        && now.UtcDateTime <= remote.NotAfter.ToUniversalTime();
}
