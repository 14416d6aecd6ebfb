using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Random booking sequences: after every confirmation (and cancellation) every earlier promise must still
/// hold in the committed plan, checked here from first principles (travel times, windows, loads).
/// </summary>
public sealed class PromisePropertyTests
{
    private const double Slack = 0.001; // seconds; plan times are stored to the tick

    [Theory]
    [InlineData(false, 40)]
    [InlineData(true, 15)]
    public void Later_bookings_never_break_earlier_promises(bool exhaustive, int runs)
    {
        var counts = new int[2];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => Run(seed, exhaustive, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(runs));
        // Guard against a vacuous pass: most requests must actually have been booked and checked.
        Assert.True(counts[0] > counts[1], $"{counts[0]} confirmed, {counts[1]} rejected");
    }

    private static bool Run(int seed, bool exhaustive, int[] counts)
    {
        var rng = new Random(seed);
        var h = CreateAsync(exhaustive: exhaustive).GetAwaiter().GetResult();
        for (int v = 0; v < 3; v++)
            h.AddVehicleAsync($"bus-{v}", seats: 3, depot: P(rng.Next(-5, 6), rng.Next(-5, 6))).GetAwaiter().GetResult();
        var confirmed = new List<Booking>();
        int steps = rng.Next(5, 26);
        for (int i = 0; i < steps; i++)
        {
            if (confirmed.Count > 0 && rng.NextDouble() < 0.15)
            {
                var victim = confirmed[rng.Next(confirmed.Count)];
                var c = h.Engine.CancelBookingAsync(CallerIdentity.Rider(victim.RiderId), victim.Id).GetAwaiter().GetResult();
                Assert.True(c.IsSuccess, c.Error?.Message);
                confirmed.Remove(victim);
            }
            else
            {
                string rider = "r" + i;
                var from = At(rng.Next(-6, 7), rng.Next(-6, 7));
                var to = At(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7));
                var when = Start.AddMinutes(rng.Next(0, 180));
                var request = rng.NextDouble() < 0.25
                    ? new QuoteRequest(from, to, null, when.AddMinutes(30), rng.Next(1, 4))
                    : new QuoteRequest(from, to, when, null, rng.Next(1, 4));
                var q = h.Engine.RequestQuoteAsync(CallerIdentity.Rider(rider), request).GetAwaiter().GetResult();
                Assert.True(q.IsSuccess, q.Error?.Message);
                if (q.Value!.Offer is null)
                {
                    counts[1]++;
                    continue;
                }
                counts[0]++;
                var c = h.Engine.ConfirmOfferAsync(CallerIdentity.Rider(rider), q.Value.Offer.OfferId).GetAwaiter().GetResult();
                Assert.True(c.IsSuccess, c.Error?.Message);
                confirmed.Add(c.Value!);
            }
            AssertPromisesHold(h, confirmed);
        }
        return true;
    }

    internal static void AssertPromisesHold(Harness h, List<Booking> confirmed)
    {
        var plan = h.Engine.GetPlanAsync().GetAwaiter().GetResult();
        var seen = new Dictionary<string, int>();
        foreach (var (vehicleId, stops) in plan)
        {
            var fleet = h.Engine.GetFleetAsync(Control).GetAwaiter().GetResult().Value!;
            var vehicle = fleet.Vehicles.Single(v => v.VehicleId == vehicleId);
            int load = 0;
            GeoPoint? previous = null;
            DateTimeOffset previousDeparture = default;
            var pickedUp = new Dictionary<string, DateTimeOffset>();
            foreach (var s in stops)
            {
                var b = confirmed.Single(x => x.Id == s.SubjectId);
                var offer = b.Offer!;
                var point = s.Kind == StopKind.Pickup ? offer.Pickup.Point : offer.Dropoff.Point;
                if (previous is GeoPoint p)
                {
                    double drive = h.Travel.Table([p], [point]).Duration(0, 0);
                    Assert.True((s.Arrival - previousDeparture).TotalSeconds >= drive - Slack, $"{vehicleId}: arrival before it can drive there");
                }
                Assert.True(s.ServiceStart >= s.Arrival && s.Departure >= s.ServiceStart);
                if (s.Kind == StopKind.Pickup)
                {
                    Assert.InRange(s.ServiceStart, offer.PromisedPickupStart.AddMilliseconds(-1), offer.PromisedPickupEnd.AddMilliseconds(1));
                    load += b.Request.Passengers;
                    pickedUp[b.Id] = s.Departure;
                }
                else
                {
                    Assert.True(pickedUp.ContainsKey(b.Id), "drop-off before pickup");
                    if (offer.LatestArrival is { } latest) Assert.True(s.ServiceStart <= latest.AddMilliseconds(1), "late arrival");
                    double direct = h.Travel.Table([offer.Pickup.Point], [offer.Dropoff.Point]).Duration(0, 0);
                    double maxRide = direct * h.Options.DetourFactor + h.Options.DetourConstant.TotalSeconds;
                    Assert.True((s.ServiceStart - pickedUp[b.Id]).TotalSeconds <= maxRide + Slack, "ride too long");
                    load -= b.Request.Passengers;
                }
                Assert.InRange(load, 0, vehicle.Capacity.Seats);
                seen[b.Id] = seen.GetValueOrDefault(b.Id) + 1;
                previous = point;
                previousDeparture = s.Departure;
            }
        }
        foreach (var b in confirmed)
            Assert.Equal(2, seen.GetValueOrDefault(b.Id));
    }
}
