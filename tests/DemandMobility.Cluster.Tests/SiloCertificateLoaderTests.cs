using System.Security.Cryptography.X509Certificates;
using DemandMobility.Cluster.Security;
using Orleans.Connections.Security;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>The silo refuses a certificate it cannot use, naming the setting; pinning accepts only listed peers.</summary>
public sealed class SiloCertificateLoaderTests : IDisposable
{
    private const string Section = "Cluster:Silo:Tls";
    private readonly string _dir = Directory.CreateTempSubdirectory("dm-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SiloCertificateSource Source(string? path, string? password = "pw", string? keyPath = null) =>
        new(path, keyPath, password, Section);

    [Fact]
    public void A_pfx_with_its_password_loads_with_the_private_key()
    {
        using var made = TestCertificates.CreateValid("silo-a");
        var path = TestCertificates.WritePfx(made, _dir, "pw");
        using var loaded = SiloCertificateLoader.Load(Source(path), DateTimeOffset.UtcNow);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(made.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void A_pem_certificate_with_its_key_file_loads()
    {
        using var made = TestCertificates.CreateValid("silo-pem");
        var certPath = Path.Combine(_dir, "silo.crt");
        var keyPath = Path.Combine(_dir, "silo.key");
        File.WriteAllText(certPath, made.ExportCertificatePem());
        File.WriteAllText(keyPath, made.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var loaded = SiloCertificateLoader.Load(Source(certPath, password: null, keyPath: keyPath), DateTimeOffset.UtcNow);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(made.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void No_path_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(" "), DateTimeOffset.UtcNow));
        Assert.StartsWith("Cluster:Silo:Tls:Path is required", e.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_setting_and_path()
    {
        var missing = Path.Combine(_dir, "nope.pfx");
        var e = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(missing), DateTimeOffset.UtcNow));
        Assert.Equal($"Cluster:Silo:Tls:Path '{missing}' does not exist.", e.Message);
    }

    [Fact]
    public void A_wrong_password_or_garbage_file_is_refused_naming_the_password_setting()
    {
        using var made = TestCertificates.CreateValid("silo-a");
        var path = TestCertificates.WritePfx(made, _dir, "right");
        var wrong = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(path, "wrong"), DateTimeOffset.UtcNow));
        Assert.Contains($"Cluster:Silo:Tls:Path '{path}' could not be read as a PKCS#12 (.pfx) file", wrong.Message);
        Assert.Contains("Cluster:Silo:Tls:Password", wrong.Message);

        var garbage = Path.Combine(_dir, "garbage.pfx");
        File.WriteAllText(garbage, "not a certificate");
        var e = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(garbage), DateTimeOffset.UtcNow));
        Assert.Contains("could not be read", e.Message);
    }

    [Fact]
    public void A_certificate_without_private_key_is_refused()
    {
        using var made = TestCertificates.CreateValid("silo-a");
        var path = Path.Combine(_dir, "public.pfx");
        using (var publicOnly = X509CertificateLoader.LoadCertificate(made.RawData))
            File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pfx, "pw"));
        var e = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(path), DateTimeOffset.UtcNow));
        Assert.Contains("holds no private key", e.Message);
        Assert.StartsWith("Cluster:Silo:Tls:Path", e.Message);
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_refused_with_its_dates()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = TestCertificates.Create("old", now.AddDays(-10), now.AddDays(-1));
        var e = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(TestCertificates.WritePfx(expired, _dir, "pw")), now));
        Assert.Contains("CN=old", e.Message);
        Assert.Contains($"expired on {expired.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", e.Message);

        using var future = TestCertificates.Create("future", now.AddDays(1), now.AddDays(10));
        var f = Assert.Throws<SiloTlsException>(() => SiloCertificateLoader.Load(Source(TestCertificates.WritePfx(future, _dir, "pw")), now));
        Assert.Contains("is not valid before", f.Message);
    }

    [Fact]
    public void Only_the_own_and_listed_certificates_are_accepted_while_valid()
    {
        using var own = TestCertificates.CreateValid("own");
        using var next = TestCertificates.CreateValid("next");
        using var stranger = TestCertificates.CreateValid("stranger");
        var now = DateTimeOffset.UtcNow;
        var tls = SiloTls.Create(own, RemoteCertificateMode.RequireCertificate,
            [string.Join(":", next.Thumbprint.Chunk(2).Select(c => new string(c))).ToLowerInvariant()], Section + ":TrustedThumbprints");
        Assert.True(tls.Accepts(own, now));
        Assert.True(tls.Accepts(next, now));
        Assert.False(tls.Accepts(stranger, now));
        Assert.False(tls.Accepts(null, now));
        Assert.False(tls.Accepts(next, now.AddDays(2)));

        var e = Assert.Throws<SiloTlsException>(() => SiloTls.Create(own, RemoteCertificateMode.RequireCertificate, [next.Thumbprint, "abc"], Section + ":TrustedThumbprints"));
        Assert.StartsWith("Cluster:Silo:Tls:TrustedThumbprints:1 'abc' is not a certificate thumbprint", e.Message);
    }
}
