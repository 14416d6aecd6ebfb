using DemandMobility.Cluster.Security;
using Orleans.Connections.Security;

namespace DemandMobility.Server.Configuration;

/// <summary>Resolves <c>Cluster:Silo:Tls</c> into the silo's <see cref="SiloTls"/>, or none when it is off.</summary>
public static class SiloTlsSettings
{
    /// <summary>The TLS section's path in configuration.</summary>
    public const string Section = ClusterOptions.SectionName + ":Silo:Tls";

    private const string KestrelDefault = "Kestrel:Certificates:Default";

    /// <summary>
    /// Null when TLS is off; otherwise the certificate loaded and checked at <paramref name="now"/> (from
    /// <c>Cluster:Silo:Tls:Path</c>, or <c>Kestrel:Certificates:Default:Path</c> when that is empty).
    /// </summary>
    /// <exception cref="SiloTlsException">A missing, unreadable, key-less or expired certificate, a bad mode or thumbprint, each naming its setting.</exception>
    public static SiloTls? Resolve(SiloTlsOptions? options, IConfiguration configuration, DateTimeOffset now)
    {
        if (options is not { Enabled: true }) return null;
        if (!Enum.TryParse<RemoteCertificateMode>(options.ClientCertificateMode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
            throw new SiloTlsException($"{Section}:ClientCertificateMode '{options.ClientCertificateMode}' must be RequireCertificate, AllowCertificate or NoCertificate.");
        var source = string.IsNullOrWhiteSpace(options.Path) && !string.IsNullOrWhiteSpace(configuration[KestrelDefault + ":Path"])
            ? new SiloCertificateSource(configuration[KestrelDefault + ":Path"], configuration[KestrelDefault + ":KeyPath"],
                configuration[KestrelDefault + ":Password"], KestrelDefault)
            : new SiloCertificateSource(options.Path, options.KeyPath, options.Password, Section);
        var certificate = SiloCertificateLoader.Load(source, now);
        return SiloTls.Create(certificate, mode, options.TrustedThumbprints, Section + ":TrustedThumbprints");
    }
}
