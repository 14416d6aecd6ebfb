using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DemandMobility.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The real host on an https:// URL with a certificate made in the test, called through <see cref="GrpcChannel"/>.</summary>
public sealed class TlsTests
{
    private const string PfxPassword = "tls-test";

    /// <summary>A one-hour self-signed certificate for 127.0.0.1, written as a PFX for Kestrel's default certificate setting.</summary>
    private static X509Certificate2 WriteCertificate(string pfxPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
    }

    private static async Task<(DispatchTestServer Server, X509Certificate2 Certificate)> StartTlsAsync(TempDirectory dir)
    {
        string pfx = Path.Combine(dir.Path, "server.pfx");
        var certificate = WriteCertificate(pfx);
        var server = await DispatchTestServer.StartAsync(dir.Path, new Dictionary<string, string?>
        {
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = PfxPassword,
        }, url: "https://127.0.0.1:0");
        return (server, certificate);
    }

    [Fact]
    public async Task Rpcs_work_over_tls_when_the_client_trusts_the_certificate()
    {
        using var dir = new TempDirectory();
        var (server, certificate) = await StartTlsAsync(dir);
        await using var _ = server;
        using (certificate)
        {
            Assert.Equal("https", server.Address.Scheme);
            // Trust exactly this certificate (pinning), as a deployment with a private CA would.
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
            using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler });
            var bookings = new DemandMobility.Contracts.V1.BookingService.BookingServiceClient(channel);
            var monitor = new DemandMobility.Contracts.V1.MonitorService.MonitorServiceClient(channel);

            var rider = Scenario.Rider(server);
            var quote = await bookings.RequestQuoteAsync(Scenario.Quote(server, "tls-1"), DispatchTestServer.As(rider));
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
            var booking = await bookings.ConfirmOfferAsync(
                new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "tls-1" }, DispatchTestServer.As(rider));
            Assert.Equal(BookingStatus.Confirmed, booking.Status);

            var now = server.Clock.GetUtcNow();
            var kpis = await monitor.GetKpisAsync(
                new GetKpisRequest { From = Timestamp.FromDateTimeOffset(now.AddHours(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(1)) },
                DispatchTestServer.As(Scenario.Dispatcher(server)));
            Assert.Equal(0, kpis.Rejected);

            using var watch = monitor.WatchFleet(
                new WatchFleetRequest { VehicleIds = { "bus-1" } }, DispatchTestServer.As(Scenario.Dispatcher(server)));
            Assert.True(await watch.ResponseStream.MoveNext());
            Assert.Equal("bus-1", watch.ResponseStream.Current.Position.VehicleId);
        }
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_gets_no_answer()
    {
        using var dir = new TempDirectory();
        var (server, certificate) = await StartTlsAsync(dir);
        await using var _ = server;
        using (certificate)
        {
            // The default channel validates against the system roots, which do not hold the test certificate.
            var ex = await Scenario.FailsAsync(async () => await server.Booking.RequestQuoteAsync(Scenario.Quote(server, "tls-untrusted"), DispatchTestServer.As(Scenario.Rider(server))));
            // grpc-dotnet reports a failed TLS handshake as INTERNAL with the handshake's reason.
            Assert.Equal(StatusCode.Internal, ex.StatusCode);
            Assert.Contains("SSL", ex.Status.Detail, StringComparison.Ordinal);
        }
    }
}
