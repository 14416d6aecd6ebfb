using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Realtime;
using DemandMobility.Transit.Realtime.Proto;
using DemandMobility.Transit.Timetables;
using Google.Protobuf;

namespace DemandMobility.Transit.Tests;

public class RealtimeTests
{
    private static readonly DateOnly Day = new(2026, 12, 8);

    private static Timetable Line() => new TimetableBuilder { FirstDay = Day, Days = 2 }
        .Stop("A", 50.0, 11.6).Stop("B", 50.1, 11.6).Stop("C", 50.2, 11.6)
        .Trip("T1", "A 08:00, B 08:10/08:11, C 08:20", route: "RB", routeType: 2)
        .Build();

    private static FeedMessage Message(params TripUpdate[] updates)
    {
        var m = new FeedMessage { Header = new FeedHeader { GtfsRealtimeVersion = "2.0", Timestamp = 1_796_000_000 } };
        int i = 0;
        foreach (var u in updates) m.Entity.Add(new FeedEntity { Id = "e" + i++, TripUpdate = u });
        return m;
    }

    private static TripUpdate.Types.StopTimeUpdate At(string stop, int? arrDelay = null, int? depDelay = null)
    {
        var u = new TripUpdate.Types.StopTimeUpdate { StopId = stop };
        if (arrDelay is { } a) u.Arrival = new TripUpdate.Types.StopTimeEvent { Delay = a };
        if (depDelay is { } d) u.Departure = new TripUpdate.Types.StopTimeEvent { Delay = d };
        return u;
    }

    [Fact]
    public void A_delay_propagates_downstream_and_a_departure_never_precedes_its_arrival()
    {
        var tt = Line();
        var update = new TripUpdate { Trip = new TripDescriptor { TripId = "T1", StartDate = "20261208" } };
        update.StopTimeUpdate.Add(At("B", arrDelay: 240));
        var bytes = Message(update).ToByteArray();
        var overlay = TripUpdateReader.ToOverlay(TripUpdateReader.Parse(bytes), tt, Day, out int skipped);
        Assert.Equal(0, skipped);
        int t1 = tt.TripIndex("T1"), s = tt.TripStart(t1);
        Assert.Equal(0, overlay.DepartureDelay(tt, t1, Day, s));
        Assert.Equal(240, overlay.ArrivalDelay(tt, t1, Day, s + 1));
        Assert.Equal(240, overlay.DepartureDelay(tt, t1, Day, s + 1)); // propagated unchanged, as the reference says
        Assert.Equal(240, overlay.ArrivalDelay(tt, t1, Day, s + 2));
        Assert.Equal(0, overlay.ArrivalDelay(tt, t1, Day.AddDays(1), s + 2)); // another service day is untouched
    }

    [Fact]
    public void An_early_arrival_does_not_make_the_departure_leave_before_schedule_minus_dwell()
    {
        var tt = Line();
        var update = new TripUpdate { Trip = new TripDescriptor { TripId = "T1", StartDate = "20261208" } };
        update.StopTimeUpdate.Add(At("B", arrDelay: 0, depDelay: -300));
        var overlay = TripUpdateReader.ToOverlay(Message(update), tt, Day, out _);
        int t1 = tt.TripIndex("T1"), s = tt.TripStart(t1);
        // Scheduled 08:10/08:11: leaving 5 min early would be 08:06, before the arrival at 08:10.
        Assert.Equal(-60, overlay.DepartureDelay(tt, t1, Day, s + 1));
    }

    [Fact]
    public void Absolute_times_cancellations_and_unknown_trips()
    {
        var tt = Line();
        var clock = ServiceClock.For(tt.TimeZone);
        var timed = new TripUpdate { Trip = new TripDescriptor { TripId = "T1", StartDate = "20261208" } };
        timed.StopTimeUpdate.Add(new TripUpdate.Types.StopTimeUpdate
        {
            StopSequence = 3,
            Arrival = new TripUpdate.Types.StopTimeEvent { Time = clock.ToInstant(Day, 8 * 3600 + 27 * 60).ToUnixTimeSeconds() },
        });
        var cancelled = new TripUpdate { Trip = new TripDescriptor { TripId = "T1", StartDate = "20261209", ScheduleRelationship = TripDescriptor.Types.ScheduleRelationship.Canceled } };
        var unknown = new TripUpdate { Trip = new TripDescriptor { TripId = "nope" } };
        var overlay = TripUpdateReader.ToOverlay(Message(timed, cancelled, unknown), tt, Day, out int skipped);
        int t1 = tt.TripIndex("T1");
        Assert.Equal(420, overlay.ArrivalDelay(tt, t1, Day, tt.TripStart(t1) + 2));
        Assert.True(overlay.IsCancelled(t1, Day.AddDays(1)));
        Assert.False(overlay.IsCancelled(t1, Day));
        Assert.Equal(1, skipped);
    }

    [Fact]
    public async Task Poller_reads_a_recorded_file_and_keeps_the_last_overlay_on_garbage()
    {
        var tt = Line();
        string file = Path.Combine(Path.GetTempPath(), $"dm-rt-{Guid.NewGuid():N}.pb");
        try
        {
            var update = new TripUpdate { Trip = new TripDescriptor { TripId = "T1" }, Delay = 120 };
            await File.WriteAllBytesAsync(file, Message(update).ToByteArray());
            var now = new ServiceClock(TimeZoneInfo.Utc).ToInstant(Day, 7 * 3600);
            var poller = new TripUpdatePoller(tt, file, TimeSpan.FromSeconds(30), new FixedClock(now));
            Assert.True(await poller.PollOnceAsync());
            Assert.Equal(1, poller.Current.TripCount);
            await File.WriteAllBytesAsync(file, [0xFF, 0xFF, 0xFF, 0x01]);
            Assert.False(await poller.PollOnceAsync());
            Assert.NotNull(poller.LastError);
            Assert.Equal(1, poller.Current.TripCount);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
