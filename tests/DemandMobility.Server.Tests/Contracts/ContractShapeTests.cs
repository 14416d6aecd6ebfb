using DemandMobility.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Contracts;

/// <summary>Checks the compiled .proto descriptors against the API rules in docs/api.md.</summary>
public sealed class ContractShapeTests
{
    private static readonly FileDescriptor[] Files =
    [
        CommonReflection.Descriptor, BookingReflection.Descriptor, ParcelsReflection.Descriptor,
        FleetReflection.Descriptor, MonitorReflection.Descriptor,
    ];

    [Theory]
    [InlineData("BookingService", "RequestQuote:unary,ConfirmOffer:unary,CancelBooking:unary,GetBooking:unary,WatchBooking:server")]
    [InlineData("ParcelService", "SubmitParcel:unary,CancelParcel:unary,GetParcel:unary")]
    [InlineData("FleetService", "RegisterVehicle:unary,StartShift:unary,EndShift:unary,ReportPositions:client,WatchManifest:server,ReportStopEvent:unary")]
    [InlineData("MonitorService", "WatchFleet:server,GetKpis:unary,ResetLearnedTravelTimes:unary")]
    public void Service_HasTheDocumentedMethodsAndStreamingKinds(string service, string methods)
    {
        var descriptor = Files.SelectMany(f => f.Services).Single(s => s.Name == service);
        Assert.Equal("demandmobility.v1." + service, descriptor.FullName);
        var actual = descriptor.Methods.Select(m => $"{m.Name}:{Kind(m)}");
        Assert.Equal(methods.Split(','), actual);
    }

    [Fact]
    public void EveryEnum_StartsWithAnUnspecifiedZeroValue()
    {
        var enums = Files.SelectMany(f => f.EnumTypes.Concat(f.MessageTypes.SelectMany(m => m.EnumTypes))).ToList();
        Assert.NotEmpty(enums);
        Assert.All(enums, e =>
        {
            var zero = e.Values.Single(v => v.Number == 0);
            Assert.EndsWith("_UNSPECIFIED", zero.Name);
        });
    }

    [Fact]
    public void AllFiles_UseThePackageAndCSharpNamespace()
    {
        Assert.All(Files, f =>
        {
            Assert.Equal("demandmobility.v1", f.Package);
            Assert.Equal("DemandMobility.Contracts.V1", f.GetOptions().CsharpNamespace);
        });
    }

    [Fact]
    public void QuoteRequest_RoundTripsThroughTheWireFormat()
    {
        var request = new RequestQuoteRequest
        {
            Origin = new Location { Point = new GeoPoint { Lat = 50.01, Lon = 11.55 } },
            Destination = new Location { StopId = "stop-bindlach" },
            EarliestDeparture = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero)),
            Passengers = 2,
            WheelchairPlaces = 1,
            IdempotencyKey = "k-1",
        };

        var parsed = RequestQuoteRequest.Parser.ParseFrom(request.ToByteArray());

        Assert.Equal(request, parsed);
        Assert.Equal(RequestQuoteRequest.TimeOneofCase.EarliestDeparture, parsed.TimeCase);
        Assert.Equal(Location.KindOneofCase.StopId, parsed.Destination.KindCase);
    }

    private static string Kind(MethodDescriptor m) => (m.IsClientStreaming, m.IsServerStreaming) switch
    {
        (false, false) => "unary",
        (false, true) => "server",
        (true, false) => "client",
        _ => "bidi",
    };
}
