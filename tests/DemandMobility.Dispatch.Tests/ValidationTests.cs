using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class ValidationTests
{
    private static readonly ServiceArea Area = new([P(-20, -20), P(-20, 20), P(20, 20), P(20, -20)]);

    public static TheoryData<string, string> InvalidQuotes() => new()
    {
        { "latitude", "origin.latitude" },
        { "longitude", "destination.longitude" },
        { "both-places", "origin" },
        { "unknown-stop", "destination.stopId" },
        { "same-place", "destination" },
        { "no-time", "earliestDeparture" },
        { "both-times", "latestArrival" },
        { "past", "earliestDeparture" },
        { "beyond-horizon", "latestArrival" },
        { "zero-passengers", "passengers" },
        { "negative-luggage", "luggage" },
        { "too-many", "passengers" },
        { "too-many-wheelchairs", "wheelchairPlaces" },
    };

    private static QuoteRequest Make(string c) => c switch
    {
        "latitude" => Trip(PlaceRef.At(95, 11.5), At(1, 1), Start),
        "longitude" => Trip(At(1, 1), PlaceRef.At(50, 200), Start),
        "both-places" => Trip(new PlaceRef(P(1, 1), "x"), At(1, 1), Start),
        "unknown-stop" => Trip(At(1, 1), PlaceRef.Stop("nowhere"), Start),
        "same-place" => Trip(At(1, 1), At(1, 1), Start),
        "no-time" => new QuoteRequest(At(1, 1), At(2, 2), null, null),
        "both-times" => new QuoteRequest(At(1, 1), At(2, 2), Start, Start.AddHours(1)),
        "past" => Trip(At(1, 1), At(2, 2), Start.AddHours(-1)),
        "beyond-horizon" => new QuoteRequest(At(1, 1), At(2, 2), null, Start.AddDays(30)),
        "zero-passengers" => Trip(At(1, 1), At(2, 2), Start, passengers: 0),
        "negative-luggage" => new QuoteRequest(At(1, 1), At(2, 2), Start, null, 1, 0, -1),
        "too-many" => Trip(At(1, 1), At(2, 2), Start, passengers: 9),
        "too-many-wheelchairs" => new QuoteRequest(At(1, 1), At(2, 2), Start, null, 1, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    [Theory]
    [MemberData(nameof(InvalidQuotes))]
    public async Task Invalid_quote_names_the_field_and_changes_nothing(string problem, string field)
    {
        var h = await CreateAsync(new DispatchOptions { ServiceArea = Area });
        await h.AddVehicleAsync("bus-1", seats: 4, wheelchairs: 1);
        int events = h.Store.Count;
        var before = await h.Engine.GetKpisAsync(Control);

        var r = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Make(problem), idempotencyKey: "k-" + problem);

        Assert.False(r.IsSuccess);
        Assert.Equal(DispatchErrorCode.InvalidArgument, r.Error!.Code);
        Assert.Equal(field, r.Error.Field);
        Assert.False(string.IsNullOrWhiteSpace(r.Error.Message));
        Assert.Equal(events, h.Store.Count);
        Assert.Null(await h.Store.FindIdempotencyAsync("Rider:anna/RequestQuote", "k-" + problem, default));
        Assert.Equal(before.Value, (await h.Engine.GetKpisAsync(Control)).Value);
    }

    [Fact]
    public async Task Coordinates_snap_to_fixed_stops_within_walking_distance()
    {
        var stops = new[] { new FixedStop("market", "Marktplatz", P(1, 0)), new FixedStop("station", "Bahnhof", P(5, 0)) };
        var h = await CreateAsync(new DispatchOptions { FixedStops = [.. stops], MaxWalkingMetres = 400 });
        await h.AddVehicleAsync("bus-1");

        var offer = await h.OfferAsync("anna", Trip(At(1.2, 0), PlaceRef.Stop("station"), Start.AddMinutes(5)));
        Assert.Equal("market", offer.Pickup.StopId);
        Assert.Equal(200, offer.Pickup.WalkingMetres, 0);
        Assert.Equal("station", offer.Dropoff.StopId);
        Assert.Equal(0, offer.Dropoff.WalkingMetres);

        var far = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Trip(At(3, 0), PlaceRef.Stop("station"), Start.AddMinutes(5)));
        Assert.Equal("origin", far.Error!.Field);
    }

    [Fact]
    public async Task Invalid_vehicle_registration_names_the_field()
    {
        var h = await CreateAsync();
        var bad = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration("bus", new(0), P(0, 0), Start, Start.AddHours(1)));
        Assert.Equal("capacity", bad.Error!.Field);
        var shift = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration("bus", new(4), P(0, 0), Start, Start));
        Assert.Equal("shiftEnd", shift.Error!.Field);
        Assert.Equal(0, h.Store.Count);
        await h.AddVehicleAsync("bus");
        var twice = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration("bus", new(4), P(0, 0), Start, Start.AddHours(1)));
        Assert.Equal(DispatchErrorCode.AlreadyExists, twice.Error!.Code);
        var rider = await h.Engine.RegisterVehicleAsync(CallerIdentity.Rider("anna"), new VehicleRegistration("x", new(4), P(0, 0), Start, Start.AddHours(1)));
        Assert.Equal(DispatchErrorCode.PermissionDenied, rider.Error!.Code);
    }

    [Fact]
    public void Invalid_options_are_named()
    {
        var errors = new DispatchOptions { PromiseWindow = TimeSpan.Zero, DetourFactor = 0.5 }.Validate();
        Assert.Contains(errors, e => e.Contains(nameof(DispatchOptions.PromiseWindow)));
        Assert.Contains(errors, e => e.Contains(nameof(DispatchOptions.DetourFactor)));
        Assert.Empty(new DispatchOptions().Validate());
    }

    [Fact]
    public async Task A_time_in_the_past_is_named_once_in_iso_8601()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var r = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Trip(At(1, 1), At(2, 2), Start.AddMinutes(-30)));
        Assert.Equal("earliestDeparture", r.Error!.Field);
        Assert.Equal("2026-03-02T06:30:00Z lies in the past (now 2026-03-02T07:00:00Z).", r.Error.Message);
    }
}
