using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Two hand-timed trips on the straight-line 40 km/h network (4 km = 360 s direct): trip A boards at the
/// promised window's start (wait 0) and rides 420 s; trip B, two hours later, boards 60 s after the window's
/// end (wait = window + 60 s, late) and rides 360 s.
/// </summary>
public sealed class KpiPeriodTests
{
    private static async Task<(Harness H, double Window)> TwoTripsAsync()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        double window = h.Options.PromiseWindow.TotalSeconds;

        var a = await h.OfferAsync("anna", Trip(At(2, 0), At(6, 0), Start.AddMinutes(10)));
        await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), a.OfferId);
        h.Clock.Set(a.PromisedPickupStart);
        await h.StopAsync("bus-1", StopEventKind.Arrived, a.BookingId);
        await h.StopAsync("bus-1", StopEventKind.Boarded, a.BookingId);
        h.Clock.Advance(TimeSpan.FromSeconds(420));
        await h.StopAsync("bus-1", StopEventKind.DroppedOff, a.BookingId);

        var b = await h.OfferAsync("ben", Trip(At(6, 0), At(2, 0), Start.AddHours(2)));
        await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("ben"), b.OfferId);
        h.Clock.Set(b.PromisedPickupEnd.AddSeconds(60));
        await h.StopAsync("bus-1", StopEventKind.Arrived, b.BookingId);
        await h.StopAsync("bus-1", StopEventKind.Boarded, b.BookingId);
        h.Clock.Advance(TimeSpan.FromSeconds(360));
        await h.StopAsync("bus-1", StopEventKind.DroppedOff, b.BookingId);
        return (h, window);
    }

    private static async Task<KpiReport> KpisAsync(Harness h, DateTimeOffset from, DateTimeOffset to)
    {
        var r = await h.Engine.GetKpisAsync(Control, from, to);
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r.Value!;
    }

    [Fact]
    public async Task Whole_day_combines_both_trips()
    {
        var (h, w) = await TwoTripsAsync();
        var k = await KpisAsync(h, Start, Start.AddDays(1));
        Assert.Equal(2, k.Served);
        Assert.Equal((0 + w + 60) / 2, k.AverageWaitSeconds, 3);
        Assert.Equal(w + 60, k.P95WaitSeconds, 3);          // nearest rank: ⌈0.95·2⌉ = 2nd of {0, w+60}
        Assert.Equal(0.5, k.Punctuality, 3);
        Assert.Equal((420.0 + 360.0) / 2, k.AverageRideSeconds, 3);
        Assert.Equal((420.0 / 360.0 + 1.0) / 2, k.MeanDetourFactor, 3);
    }

    [Fact]
    public async Task A_period_counts_only_its_own_events()
    {
        var (h, w) = await TwoTripsAsync();
        var first = await KpisAsync(h, Start, Start.AddHours(1));
        Assert.Equal(1, first.Served);
        Assert.Equal(0, first.P95WaitSeconds, 3);
        Assert.Equal(1.0, first.Punctuality, 3);
        Assert.Equal(420.0 / 360.0, first.MeanDetourFactor, 3);

        var second = await KpisAsync(h, Start.AddHours(1), Start.AddDays(1));
        Assert.Equal(1, second.Served);
        Assert.Equal(w + 60, second.P95WaitSeconds, 3);
        Assert.Equal(0.0, second.Punctuality, 3);
        Assert.Equal(1.0, second.MeanDetourFactor, 3);
        // Distances split across the periods without loss.
        var all = await KpisAsync(h, Start, Start.AddDays(1));
        Assert.Equal(all.VehicleKm, first.VehicleKm + second.VehicleKm, 6);

        var before = await KpisAsync(h, Start.AddDays(-1), Start);
        Assert.Equal(0, before.Served);
        Assert.Equal(0, before.Punctuality);
        Assert.Equal(0, before.VehicleKm);
    }

    [Fact]
    public async Task Period_figures_survive_a_restart()
    {
        var (h, _) = await TwoTripsAsync();
        var beforeRestart = await KpisAsync(h, Start.AddHours(1), Start.AddDays(1));
        await h.ReopenAsync();
        Assert.Equal(beforeRestart, await KpisAsync(h, Start.AddHours(1), Start.AddDays(1)));
        Assert.Equal(await KpisAsync(h, DateTimeOffset.MinValue, DateTimeOffset.MaxValue), (await h.Engine.GetKpisAsync(Control)).Value);
    }

    [Fact]
    public async Task An_empty_period_is_an_invalid_argument()
    {
        var h = await CreateAsync();
        var r = await h.Engine.GetKpisAsync(Control, Start, Start);
        Assert.Equal(DispatchErrorCode.InvalidArgument, r.Error!.Code);
        Assert.Equal("to", r.Error.Field);
    }

    [Fact]
    public void Nearest_rank_percentile_matches_hand_values()
    {
        Assert.Equal(0, KpiCalculator.NearestRankPercentile([], 0.95));
        Assert.Equal(7, KpiCalculator.NearestRankPercentile([7], 0.95));
        // 20 values 1..20: ⌈0.95·20⌉ = 19th smallest.
        var twenty = new List<double>();
        for (int i = 20; i >= 1; i--) twenty.Add(i);
        Assert.Equal(19, KpiCalculator.NearestRankPercentile(twenty, 0.95));
        // 21 values: ⌈19.95⌉ = 20th.
        twenty.Add(21);
        Assert.Equal(20, KpiCalculator.NearestRankPercentile(twenty, 0.95));
    }
}
