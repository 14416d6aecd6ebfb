using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>KombiBUS parcels through real gRPC calls.</summary>
public sealed class ParcelTests
{
    private static SubmitParcelRequest Parcel(DispatchTestServer server, string key) => new()
    {
        From = new Location { Point = Scenario.Origin },
        To = new Location { Point = Scenario.Destination },
        SizeUnits = 2,
        DeliveryWindow = new TimeWindow
        {
            Start = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddMinutes(30)),
            End = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(5)),
        },
        SenderReference = "Hofladen Bindlach #17",
        IdempotencyKey = key,
    };

    [Fact]
    public async Task Submit_get_and_cancel_a_parcel_as_its_shop()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var shop = server.Token(Roles.Shop, "hofladen");

        var submitted = await server.Parcels.SubmitParcelAsync(Parcel(server, "p-1"), DispatchTestServer.As(shop));
        Assert.Equal(SubmitParcelResponse.ResultOneofCase.Parcel, submitted.ResultCase);
        Assert.Equal(ParcelStatus.Accepted, submitted.Parcel.Status);
        Assert.Equal(2, submitted.Parcel.SizeUnits);
        Assert.Equal("Hofladen Bindlach #17", submitted.Parcel.SenderReference);

        var retry = await server.Parcels.SubmitParcelAsync(Parcel(server, "p-1"), DispatchTestServer.As(shop));
        Assert.Equal(submitted.Parcel.ParcelId, retry.Parcel.ParcelId);

        var read = await server.Parcels.GetParcelAsync(new GetParcelRequest { ParcelId = submitted.Parcel.ParcelId }, DispatchTestServer.As(shop));
        Assert.Equal(submitted.Parcel.ParcelId, read.ParcelId);
        Assert.Equal(submitted.Parcel.DeliveryWindow, read.DeliveryWindow);

        var other = await Scenario.FailsAsync(() => server.Parcels.GetParcelAsync(new GetParcelRequest { ParcelId = submitted.Parcel.ParcelId }, DispatchTestServer.As(server.Token(Roles.Shop, "baeckerei"))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, other.StatusCode);

        var rider = await Scenario.FailsAsync(() => server.Parcels.SubmitParcelAsync(Parcel(server, "p-2"), DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, rider.StatusCode);

        var cancelled = await server.Parcels.CancelParcelAsync(new CancelParcelRequest { ParcelId = submitted.Parcel.ParcelId }, DispatchTestServer.As(shop));
        Assert.Equal(ParcelStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task Invalid_parcels_are_refused_naming_the_field()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var shop = server.Token(Roles.Shop, "hofladen");
        var cases = new (string Field, Action<SubmitParcelRequest> Break)[]
        {
            ("size_units", r => r.SizeUnits = 5),
            ("from", r => r.From = null),
            ("delivery_window.end", r => r.DeliveryWindow.End = r.DeliveryWindow.Start),
            ("sender_reference", r => r.SenderReference = new string('x', 65)),
            ("idempotency_key", r => r.IdempotencyKey = ""),
        };
        foreach (var (field, breakIt) in cases)
        {
            var request = Parcel(server, "bad-" + field);
            breakIt(request);
            var error = await Scenario.FailsAsync(() => server.Parcels.SubmitParcelAsync(request, DispatchTestServer.As(shop)).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith(field, error.Status.Detail);
        }
    }
}
