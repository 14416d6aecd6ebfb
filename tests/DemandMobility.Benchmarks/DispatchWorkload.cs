using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Grpc.Core;
using Grpc.Net.Client;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Builds the benchmark's starting state through the public API: extra vehicles with shifts over the test day,
/// then confirmed pre-bookings spread over the day and the service area. Also generates the measured quotes.
/// </summary>
internal sealed class DispatchWorkload(DispatchBenchServer server, int seed)
{
    // A rectangle inside the configured service-area polygon (Bindlach, Heinersreuth, Neudrossenfeld).
    private const double MinLat = 49.980, MaxLat = 50.035, MinLon = 11.495, MaxLon = 11.595;

    private static readonly GeoPoint[] Depots =
    [
        new() { Lat = 49.983, Lon = 11.585 },
        new() { Lat = 50.0130, Lon = 11.5200 },
        new() { Lat = 49.9852, Lon = 11.5790 },
    ];

    private readonly Random _rng = new(seed);
    private readonly List<GeoPoint> _snappedStops = [];
    private long _keys;

    /// <summary>Road-snapped stop positions taken from offers; measured quotes go between them so none is unsnappable.</summary>
    public IReadOnlyList<GeoPoint> SnappedStops => _snappedStops;

    /// <summary>Latest departure the generator asks for: the last hours of the shifts stay free for the trip itself.</summary>
    public DateTimeOffset LastDeparture { get; init; }

    /// <summary>Registers <paramref name="count"/> 8-seat vehicles whose shifts run from <paramref name="start"/> to <paramref name="end"/> and starts them.</summary>
    public async Task RegisterFleetAsync(int count, DateTimeOffset start, DateTimeOffset end)
    {
        var token = server.Token(Roles.Dispatcher, "bench");
        using var channel = GrpcChannel.ForAddress(server.Address);
        var fleet = new FleetService.FleetServiceClient(channel);
        for (int v = 0; v < count; v++)
        {
            var request = new RegisterVehicleRequest
            {
                VehicleId = $"bench-{v:D2}",
                Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
                Depot = Depots[v % Depots.Length],
                Shift = new Shift { Start = Timestamp.FromDateTimeOffset(start), End = Timestamp.FromDateTimeOffset(end) },
                DisplayName = $"BT-DM {200 + v}",
            };
            await fleet.RegisterVehicleAsync(request, DispatchBenchServer.As(token));
            await fleet.StartShiftAsync(new StartShiftRequest { VehicleId = request.VehicleId }, DispatchBenchServer.As(token));
        }
    }

    /// <summary>
    /// Quote + confirm with random points until <paramref name="target"/> bookings are confirmed or
    /// 4 × target quotes were tried. Returns (confirmed, quotes tried, rejected, failed calls).
    /// </summary>
    public async Task<(int Confirmed, int Tried, int Rejected, int Failed)> BookAsync(int target)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var booking = new BookingService.BookingServiceClient(channel);
        var token = server.Token(Roles.Rider, "bench-rider");
        int confirmed = 0, tried = 0, rejected = 0, failed = 0;
        while (confirmed < target && tried < 4 * target)
        {
            tried++;
            var request = Quote(RandomPoint(), RandomPoint());
            try
            {
                var response = await booking.RequestQuoteAsync(request, DispatchBenchServer.As(token));
                if (response.ResultCase != RequestQuoteResponse.ResultOneofCase.Offer) { rejected++; continue; }
                var offer = response.Offer;
                _snappedStops.Add(offer.Pickup.Position);
                _snappedStops.Add(offer.Dropoff.Position);
                await booking.ConfirmOfferAsync(
                    new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = request.IdempotencyKey }, DispatchBenchServer.As(token));
                confirmed++;
            }
            catch (RpcException)
            {
                // Unsnappable random points (fields, forest) and lost races end here; they are counted, not fatal.
                failed++;
            }
        }
        return (confirmed, tried, rejected, failed);
    }

    /// <summary>A quote between two snapped stops at a random time of the remaining day, with a fresh idempotency key.</summary>
    public RequestQuoteRequest NextMeasuredQuote(Random rng)
    {
        var stops = _snappedStops;
        var from = stops[rng.Next(stops.Count)];
        var to = stops[rng.Next(stops.Count)];
        while (ReferenceEquals(from, to) || (from.Lat == to.Lat && from.Lon == to.Lon)) to = stops[rng.Next(stops.Count)];
        return Quote(from, to, rng);
    }

    private RequestQuoteRequest Quote(GeoPoint from, GeoPoint to, Random? rng = null)
    {
        rng ??= _rng;
        var earliest = server.Clock.GetUtcNow().AddMinutes(30);
        double span = Math.Max(0, (LastDeparture - earliest).TotalSeconds);
        return new RequestQuoteRequest
        {
            Origin = new Location { Point = from },
            Destination = new Location { Point = to },
            EarliestDeparture = Timestamp.FromDateTimeOffset(earliest.AddSeconds(rng.NextDouble() * span)),
            Passengers = 1 + (rng.Next(4) == 0 ? 1 : 0),
            IdempotencyKey = $"bench-{Interlocked.Increment(ref _keys)}-{rng.Next()}",
        };
    }

    private GeoPoint RandomPoint() => new()
    {
        Lat = MinLat + _rng.NextDouble() * (MaxLat - MinLat),
        Lon = MinLon + _rng.NextDouble() * (MaxLon - MinLon),
    };
}
