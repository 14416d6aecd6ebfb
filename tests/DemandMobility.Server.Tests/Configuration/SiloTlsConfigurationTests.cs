using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DemandMobility.Cluster.Security;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace DemandMobility.Server.Tests.Configuration;

/// <summary><c>Cluster:Silo:Tls</c> resolved at start: off by default, Kestrel's certificate reused, every problem named.</summary>
public sealed class SiloTlsConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static SiloTlsOptions? Bind(IConfiguration configuration) =>
        configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>()?.Silo.Tls;

    private string Pfx(string password, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dm-silo", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public void Tls_is_off_unless_enabled()
    {
        Assert.Null(SiloTlsSettings.Resolve(Bind(Configuration()), Configuration(), DateTimeOffset.UtcNow));
        Assert.Null(SiloTlsSettings.Resolve(Bind(Configuration(("Cluster:Silo:Tls:Path", "/nowhere.pfx"))), Configuration(), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_configured_pfx_loads_with_mode_and_extra_thumbprint()
    {
        string path = Pfx("pw");
        var configuration = Configuration(("Cluster:Silo:Tls:Enabled", "true"), ("Cluster:Silo:Tls:Path", path), ("Cluster:Silo:Tls:Password", "pw"),
            ("Cluster:Silo:Tls:ClientCertificateMode", "AllowCertificate"), ("Cluster:Silo:Tls:TrustedThumbprints:0", new string('A', 40)));
        var tls = SiloTlsSettings.Resolve(Bind(configuration), configuration, DateTimeOffset.UtcNow)!;
        Assert.Equal(RemoteCertificateMode.AllowCertificate, tls.ClientCertificateMode);
        Assert.Equal(2, tls.TrustedThumbprints.Count);
        Assert.Contains(tls.Certificate.Thumbprint, tls.TrustedThumbprints);
    }

    [Fact]
    public void Without_a_path_the_grpc_endpoints_kestrel_certificate_is_used_and_named_in_errors()
    {
        string path = Pfx("kestrel-pw");
        var configuration = Configuration(("Cluster:Silo:Tls:Enabled", "true"),
            ("Kestrel:Certificates:Default:Path", path), ("Kestrel:Certificates:Default:Password", "kestrel-pw"));
        Assert.True(SiloTlsSettings.Resolve(Bind(configuration), configuration, DateTimeOffset.UtcNow)!.Certificate.HasPrivateKey);

        var wrong = Configuration(("Cluster:Silo:Tls:Enabled", "true"), ("Kestrel:Certificates:Default:Path", path), ("Kestrel:Certificates:Default:Password", "nope"));
        var e = Assert.Throws<SiloTlsException>(() => SiloTlsSettings.Resolve(Bind(wrong), wrong, DateTimeOffset.UtcNow));
        Assert.StartsWith($"Kestrel:Certificates:Default:Path '{path}' could not be read", e.Message);
    }

    [Fact]
    public void A_missing_certificate_a_bad_mode_and_an_expired_certificate_are_named()
    {
        var none = Configuration(("Cluster:Silo:Tls:Enabled", "true"));
        Assert.StartsWith("Cluster:Silo:Tls:Path is required", Assert.Throws<SiloTlsException>(() => SiloTlsSettings.Resolve(Bind(none), none, DateTimeOffset.UtcNow)).Message);

        var mode = Configuration(("Cluster:Silo:Tls:Enabled", "true"), ("Cluster:Silo:Tls:Path", Pfx("pw")), ("Cluster:Silo:Tls:ClientCertificateMode", "Maybe"));
        Assert.StartsWith("Cluster:Silo:Tls:ClientCertificateMode 'Maybe' must be", Assert.Throws<SiloTlsException>(() => SiloTlsSettings.Resolve(Bind(mode), mode, DateTimeOffset.UtcNow)).Message);

        string expired = Pfx("pw", DateTimeOffset.UtcNow.AddDays(-1));
        var old = Configuration(("Cluster:Silo:Tls:Enabled", "true"), ("Cluster:Silo:Tls:Path", expired), ("Cluster:Silo:Tls:Password", "pw"));
        Assert.Contains("expired on", Assert.Throws<SiloTlsException>(() => SiloTlsSettings.Resolve(Bind(old), old, DateTimeOffset.UtcNow)).Message);
    }

    [Fact]
    public void The_server_refuses_to_start_naming_the_setting()
    {
        string missing = Path.Combine(_dir.Path, "silo.pfx");
        // Checked before the silo touches the database, so no PostgreSQL is needed for the refusal.
        var ex = Assert.ThrowsAny<Exception>(() => DispatchServerHost.Create(["--urls", "http://127.0.0.1:0", "--DataDirectory", _dir.Path,
            "--Cluster:Enabled=true", "--Cluster:PostgresConnectionString", "Host=127.0.0.1;Database=unused",
            "--Cluster:Silo:Tls:Enabled=true", "--Cluster:Silo:Tls:Path", missing]));
        Assert.Equal($"Cluster:Silo:Tls:Path '{missing}' does not exist.", StartupFailure.Describe(ex));
    }
}
