using System.Security.Authentication;
using Orleans.Connections.Security;

namespace DemandMobility.Cluster.Security;

/// <summary>Silo registration of <see cref="SiloTls"/> on Orleans' TLS connection middleware.</summary>
public static class SiloTlsExtensions
{
    /// <summary>Every silo-to-silo connection (both directions) and the gateway use TLS 1.2/1.3 with <paramref name="tls"/>.</summary>
    public static ISiloBuilder UseSiloTls(this ISiloBuilder silo, SiloTls tls, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var clock = time ?? TimeProvider.System;
        return silo.UseTls(tls.Certificate, options => Configure(options, tls, clock));
    }

    private static void Configure(TlsOptions options, SiloTls tls, TimeProvider clock)
    {
        options.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = tls.ClientCertificateMode;
        options.RemoteCertificateValidation = (certificate, _, _) => tls.Accepts(certificate, clock.GetUtcNow());
    }
}
