namespace DemandMobility.Server.Configuration;

/// <summary>
/// <c>Cluster:Silo:Tls</c>: TLS on silo-to-silo and gateway connections (docs/operations.md, <i>Silo TLS</i>). The
/// certificate keys are named as Kestrel's (<c>Path</c>, <c>KeyPath</c>, <c>Password</c>); without a <c>Path</c> the
/// gRPC endpoint's default certificate (<c>Kestrel:Certificates:Default</c>) is used.
/// </summary>
public sealed class SiloTlsOptions
{
    /// <summary><c>Cluster:Silo:Tls:Enabled</c>: every silo of the cluster must agree (a silo without TLS cannot join).</summary>
    public bool Enabled { get; set; }

    /// <summary><c>Cluster:Silo:Tls:Path</c>: a PKCS#12 file (.pfx) with the private key, or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string Path { get; set; } = "";

    /// <summary><c>Cluster:Silo:Tls:KeyPath</c>: the PEM private key beside a PEM certificate.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary><c>Cluster:Silo:Tls:Password</c>: of the PFX or the encrypted PEM key (prefer the environment: <c>DM_Cluster__Silo__Tls__Password</c>).</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// <c>Cluster:Silo:Tls:ClientCertificateMode</c>: what the gateway asks of Orleans clients: <c>RequireCertificate</c>
    /// (default), <c>AllowCertificate</c> or <c>NoCertificate</c>. Silos always present and require one.
    /// </summary>
    public string ClientCertificateMode { get; set; } = "RequireCertificate";

    /// <summary>
    /// <c>Cluster:Silo:Tls:TrustedThumbprints</c>: SHA-1 thumbprints of other certificates peers may present besides
    /// this silo's own (the next certificate while certificates are rotated).
    /// </summary>
    public List<string> TrustedThumbprints { get; set; } = [];
}
