using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// A driver serves what the vehicle's manifest lists, and the engine accepts a stop event only for a booking whose
/// task names that vehicle. So every stop on a vehicle's route must belong to a booking planned for that vehicle,
/// whatever moved it there: a confirmation, a stop event, a shift start or a re-optimisation round (which may move
/// bookings between vehicles). A stop the manifest lists but the engine refuses leaves the rider at the stop.
/// </summary>
public sealed class PlanOwnershipPropertyTests
{
    [Fact]
    public void Every_stop_on_a_route_belongs_to_a_booking_of_that_vehicle()
    {
        var counts = new int[2]; // rounds adopted, stops served
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => Run(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(5));
        // Guard against a vacuous pass: rounds must have moved bookings and buses must have served stops.
        Assert.True(counts[0] > 0, "no round adopted a new plan");
        Assert.True(counts[1] > 0, "no stop was served");
    }

    /// <summary>
    /// Two hours of an early and a late crew: bookings soon and hours ahead every minute, now and then a cancellation,
    /// each bus arriving at its first stop once it is due and serving it a minute later (so rounds see buses standing
    /// at stops), a round every five minutes, the late crew starting its shift on the way. The plan's ownership is
    /// checked after every change.
    /// </summary>
    private static bool Run(int seed, int[] counts)
    {
        var h = CreateAsync(new DispatchOptions { ReoptimisationHorizon = TimeSpan.FromMinutes(60) }).GetAwaiter().GetResult();
        var rng = new Random(seed);
        for (int v = 0; v < 3; v++)
            h.AddVehicleAsync($"early-{v}", seats: 3, depot: P(rng.Next(-5, 6), rng.Next(-5, 6)), shiftEnd: Start.AddHours(1.5)).GetAwaiter().GetResult();
        for (int v = 0; v < 2; v++)
            h.AddVehicleAsync($"late-{v}", seats: 3, depot: P(rng.Next(-5, 6), rng.Next(-5, 6)),
                shiftStart: Start.AddHours(1.5), shiftEnd: Start.AddHours(6), onShift: false).GetAwaiter().GetResult();
        int n = 0;
        var standing = new Dictionary<string, string>(StringComparer.Ordinal);
        var confirmed = new List<(string Id, string Rider)>();
        for (int minute = 0; minute < 120; minute++)
        {
            if (minute == 90)
                foreach (var id in new[] { "late-0", "late-1" })
                    Assert.True(h.Engine.StartShiftAsync(Control, id).GetAwaiter().GetResult().IsSuccess);
            for (int k = 0; k < 3; k++, n++)
            {
                var when = h.Clock.GetUtcNow().AddMinutes(k < 2 ? rng.Next(3, 40) : rng.Next(60, 200));
                var q = h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + n),
                    Trip(At(rng.Next(-5, 6), rng.Next(-5, 6)), At(rng.Next(-5, 6) + 0.5, rng.Next(-5, 6)), when)).GetAwaiter().GetResult();
                if (q.Value?.Offer is not { } offer) continue;
                if (h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("r" + n), offer.OfferId).GetAwaiter().GetResult().Value is { } booked)
                    confirmed.Add((booked.Id, "r" + n));
                AssertOwned(h, seed, $"minute {minute}, after a confirmation");
            }
            if (confirmed.Count > 0 && rng.Next(4) == 0)
            {
                // Riders cancel now and then (before boarding; a cancellation after it is refused and changes nothing).
                var (id, rider) = confirmed[rng.Next(confirmed.Count)];
                h.Engine.CancelBookingAsync(CallerIdentity.Rider(rider), id).GetAwaiter().GetResult();
                AssertOwned(h, seed, $"minute {minute}, after cancelling {id}");
            }
            foreach (var (vehicle, stops) in h.Engine.GetPlanAsync().GetAwaiter().GetResult())
            {
                if (stops.Length == 0 || stops[0].Arrival > h.Clock.GetUtcNow()) continue;
                var s = stops[0];
                // A bus arrives in one minute and serves the stop in the next, so rounds see buses standing at stops.
                if (standing.TryGetValue(vehicle, out var at) && at == s.SubjectId)
                {
                    Serve(h, seed, vehicle, s.Kind == StopKind.Pickup ? StopEventKind.Boarded : StopEventKind.DroppedOff, s.SubjectId);
                    standing.Remove(vehicle);
                    counts[1]++;
                }
                else
                {
                    Serve(h, seed, vehicle, StopEventKind.Arrived, s.SubjectId);
                    standing[vehicle] = s.SubjectId;
                }
                AssertOwned(h, seed, $"minute {minute}, after {vehicle} reported at {s.SubjectId}");
            }
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            if (minute % 5 != 4) continue;
            if (h.Engine.ReoptimiseAsync().GetAwaiter().GetResult().Status == ReoptimisationStatus.Adopted) counts[0]++;
            AssertOwned(h, seed, $"minute {minute}, after a round");
        }
        return true;
    }

    private static void Serve(Harness h, int seed, string vehicle, StopEventKind kind, string subject)
    {
        var r = h.Engine.ReportStopEventAsync(CallerIdentity.Driver(vehicle), new StopEvent(vehicle, kind, subject)).GetAwaiter().GetResult();
        Assert.True(r.IsSuccess, $"seed {seed}: {vehicle} {kind} {subject} refused: {r.Error?.Message}");
    }

    private static void AssertOwned(Harness h, int seed, string when)
    {
        foreach (var (vehicle, stops) in h.Engine.GetPlanAsync().GetAwaiter().GetResult())
            foreach (var s in stops)
            {
                var booking = h.ViewAsync(s.SubjectId).GetAwaiter().GetResult().Booking;
                Assert.True(booking.VehicleId == vehicle, $"seed {seed}, {when}: {s.SubjectId} is on {vehicle}'s route but planned for {booking.VehicleId}");
            }
    }
}
