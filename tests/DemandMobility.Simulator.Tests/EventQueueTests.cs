using DemandMobility.Simulator.Engine;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>The future event list's batch take (<see cref="EventQueue.TakeBefore"/>) used by concurrent requests.</summary>
public sealed class EventQueueTests
{
    [Fact]
    public void Taking_the_requests_of_an_interval_leaves_every_other_event_in_its_order()
    {
        var queue = new EventQueue();
        // Ties at time 10 keep insertion order; the request at 30 lies beyond the interval's end (25).
        queue.Add(new SimEvent(10, SimEventKind.VehicleArrive, 1));
        queue.Add(new SimEvent(10, SimEventKind.TripRequest, 7));
        queue.Add(new SimEvent(10, SimEventKind.VehicleBoard, 2));
        queue.Add(new SimEvent(20, SimEventKind.TripRequest, 8));
        queue.Add(new SimEvent(30, SimEventKind.TripRequest, 9));
        queue.Add(new SimEvent(20, SimEventKind.PositionTick, 0));

        var taken = queue.TakeBefore(25, e => e.Kind == SimEventKind.TripRequest);

        Assert.Equal([7, 8], taken.Select(e => e.Index));
        var rest = new List<SimEvent>();
        while (queue.TryTake(out var e)) rest.Add(e);
        Assert.Equal(
            [(10L, SimEventKind.VehicleArrive), (10L, SimEventKind.VehicleBoard), (20L, SimEventKind.PositionTick), (30L, SimEventKind.TripRequest)],
            rest.Select(e => (e.Time, e.Kind)));
    }
}
