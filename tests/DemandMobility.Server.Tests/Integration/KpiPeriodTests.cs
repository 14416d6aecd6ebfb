using DemandMobility.Contracts.V1;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary><c>GetKpis</c> narrows the figures to the requested period.</summary>
public sealed class KpiPeriodTests
{
    private static Task<Kpis> KpisAsync(DispatchTestServer server, DateTimeOffset from, DateTimeOffset to) =>
        server.Monitor.GetKpisAsync(new GetKpisRequest { From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) },
            DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync;

    [Fact]
    public async Task A_rejection_counts_only_in_the_period_it_happened()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var far = Scenario.Quote(server, "far");
        far.Destination = new Location { Point = new GeoPoint { Lat = 48.1374, Lon = 11.5755 } };
        var response = await server.Booking.RequestQuoteAsync(far, DispatchTestServer.As(Scenario.Rider(server)));
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Rejection, response.ResultCase);

        var now = server.Clock.GetUtcNow();
        Assert.Equal(1, (await KpisAsync(server, now.AddHours(-1), now.AddHours(1))).Rejected);
        Assert.Equal(0, (await KpisAsync(server, now.AddDays(-2), now.AddDays(-1))).Rejected);
        Assert.Equal(0, (await KpisAsync(server, now.AddSeconds(1), now.AddDays(1))).Rejected);
    }
}
