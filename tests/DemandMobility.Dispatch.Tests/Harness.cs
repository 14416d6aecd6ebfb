using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// An engine on a straight-line 40 km/h network and an in-memory store, on a flat test area where
/// <see cref="P"/> gives points by kilometres north/east of an origin (1 km ≈ 90 s of driving).
/// </summary>
internal sealed class Harness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    public static readonly GeoPoint Origin = new(50.0, 11.5);
    public static readonly CallerIdentity Control = CallerIdentity.Dispatcher();

    public ManualTimeProvider Clock { get; }
    public InMemoryDispatchStore Store { get; }
    public DispatchEngine Engine { get; private set; } = null!;
    public DispatchOptions Options { get; }
    public IInsertionStrategy Insertion { get; }
    public ITravelTimeService Travel { get; }

    private Harness(DispatchOptions options, IInsertionStrategy insertion, InMemoryDispatchStore store, ManualTimeProvider clock,
        ITravelTimeService travel)
    {
        Travel = travel;
        Options = options;
        Insertion = insertion;
        Store = store;
        Clock = clock;
    }

    public static async Task<Harness> CreateAsync(DispatchOptions? options = null, bool exhaustive = false,
        ITravelTimeService? travel = null, IInsertionStrategy? insertion = null)
    {
        var h = new Harness(options ?? new DispatchOptions(),
            insertion ?? (exhaustive ? new ExhaustiveInsertionStrategy() : new OptimizerInsertionStrategy()),
            new InMemoryDispatchStore(), new ManualTimeProvider(Start), travel ?? new StraightLineTravelTimeService(40));
        await h.ReopenAsync();
        return h;
    }

    /// <summary>Throws the engine away and rebuilds it from the store, as after a crash.</summary>
    public async Task ReopenAsync() =>
        Engine = await DispatchEngine.OpenAsync(Options, Travel, Store, Clock, new Random(42), Insertion,
            new SolverOptions(TimeSpan.FromMilliseconds(500), MaxIterations: 3000, Seed: 7));

    public static GeoPoint P(double kmNorth, double kmEast) =>
        new(Origin.Latitude + kmNorth / 111.195, Origin.Longitude + kmEast / (111.195 * Math.Cos(Origin.Latitude * Math.PI / 180)));

    public static PlaceRef At(double kmNorth, double kmEast) => new(P(kmNorth, kmEast));

    public async Task<FleetVehicle> AddVehicleAsync(string id, int seats = 4, int parcels = 0, int wheelchairs = 0,
        GeoPoint? depot = null, DateTimeOffset? shiftStart = null, DateTimeOffset? shiftEnd = null, bool onShift = true)
    {
        var r = await Engine.RegisterVehicleAsync(Control, new VehicleRegistration(id, new LoadVector(seats, wheelchairs, parcels, 2),
            depot ?? P(0, 0), shiftStart ?? Start, shiftEnd ?? Start.AddHours(12)));
        Assert.True(r.IsSuccess, r.Error?.Message);
        if (onShift)
        {
            var s = await Engine.StartShiftAsync(Control, id);
            Assert.True(s.IsSuccess, s.Error?.Message);
            return s.Value!;
        }
        return r.Value!;
    }

    public static QuoteRequest Trip(PlaceRef from, PlaceRef to, DateTimeOffset departure, int passengers = 1) =>
        new(from, to, departure, null, passengers);

    public async Task<Offer> OfferAsync(string rider, QuoteRequest request)
    {
        var q = await Engine.RequestQuoteAsync(CallerIdentity.Rider(rider), request);
        Assert.True(q.IsSuccess, q.Error?.Message);
        Assert.True(q.Value!.Offer is not null, q.Value.Rejection?.Reason);
        return q.Value.Offer!;
    }

    public async Task<Booking> BookAsync(string rider, QuoteRequest request)
    {
        var offer = await OfferAsync(rider, request);
        var c = await Engine.ConfirmOfferAsync(CallerIdentity.Rider(rider), offer.OfferId);
        Assert.True(c.IsSuccess, c.Error?.Message);
        return c.Value!;
    }

    public async Task<StopEventResult> StopAsync(string vehicle, StopEventKind kind, string subject)
    {
        var r = await Engine.ReportStopEventAsync(CallerIdentity.Driver(vehicle), new StopEvent(vehicle, kind, subject));
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r.Value!;
    }

    public async Task<BookingView> ViewAsync(string bookingId) =>
        (await Engine.GetBookingAsync(Control, bookingId)).Value ?? throw new Xunit.Sdk.XunitException($"Booking {bookingId} not found.");
}
