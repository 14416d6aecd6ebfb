using System.Collections.Immutable;
using DemandMobility.Transit.Search;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Tests;

public class ConnectionScanTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    private static TransitQuery Query(Timetable tt, string from, string at, string to, int window = 0, DateOnly? date = null) =>
        new(date ?? Monday, TimetableBuilder.Time(at), [new StopAccess(tt.StopIndex(from), 0)], [new StopAccess(tt.StopIndex(to), 0)], window);

    [Fact]
    public void Direct_trip_is_taken_at_the_first_departure_after_the_query_time()
    {
        var tt = new TimetableBuilder().Stop("A").Stop("B").Stop("C")
            .Trip("T1", "A 08:00, B 08:10, C 08:20")
            .Trip("T2", "A 09:00, B 09:10, C 09:20")
            .Build();
        var j = new ConnectionScan(tt).EarliestArrival(Query(tt, "A", "08:30", "C"))!;
        Assert.Equal(TimetableBuilder.Time("09:20"), j.Arrival);
        var ride = Assert.Single(j.Legs, l => l.Kind == JourneyLegKind.Ride);
        Assert.Equal("T2", tt.TripId(ride.Trip));
    }

    //   A ──T1── B ──T2── C        change at B needs 5 min:
    //   08:00  08:10 | 08:13 → missed, 08:20 → taken
    [Fact]
    public void Minimum_change_time_at_the_transfer_stop_is_respected()
    {
        var tt = new TimetableBuilder().Stop("A").Stop("B", changeSeconds: 300).Stop("C")
            .Trip("T1", "A 08:00, B 08:10")
            .Trip("T2", "B 08:13, C 08:30")
            .Trip("T3", "B 08:20, C 08:40")
            .Build();
        var j = new ConnectionScan(tt).EarliestArrival(Query(tt, "A", "07:55", "C"))!;
        Assert.Equal(TimetableBuilder.Time("08:40"), j.Arrival);
        Assert.Equal(1, j.Transfers);
    }

    //   A ──T1── B   ~~walk 4 min~~   D ──T2── C
    [Fact]
    public void Footpath_between_stops_links_two_trips()
    {
        var tt = new TimetableBuilder().Stop("A").Stop("B").Stop("D").Stop("C")
            .Trip("T1", "A 08:00, B 08:10")
            .Trip("T2", "D 08:13, C 08:30")
            .Trip("T3", "D 08:15, C 08:50")
            .Footpath("B", "D", 240)
            .Build();
        var j = new ConnectionScan(tt).EarliestArrival(Query(tt, "A", "07:55", "C"))!;
        Assert.Equal(TimetableBuilder.Time("08:50"), j.Arrival);
        Assert.Equal([JourneyLegKind.Access, JourneyLegKind.Ride, JourneyLegKind.Transfer, JourneyLegKind.Ride, JourneyLegKind.Egress], j.Legs.Select(l => l.Kind));
        var walk = j.Legs[2];
        Assert.Equal(TimetableBuilder.Time("08:10"), walk.Departure);
        Assert.Equal(TimetableBuilder.Time("08:14"), walk.Arrival);
    }

    [Fact]
    public void Staying_seated_needs_no_change_time_and_no_pickup_forbids_boarding()
    {
        var tt = new TimetableBuilder(){ DefaultChangeSeconds = 600 }.Stop("A").Stop("B").Stop("C")
            .Trip("T1", "A 08:00, B 08:10/08:11*, C 08:20")
            .Build();
        var scan = new ConnectionScan(tt);
        Assert.Equal(TimetableBuilder.Time("08:20"), scan.EarliestArrival(Query(tt, "A", "08:00", "C"))!.Arrival);
        Assert.Null(scan.EarliestArrival(Query(tt, "B", "08:05", "C")));
    }

    [Fact]
    public void A_trip_of_the_previous_service_day_past_midnight_is_found()
    {
        var tt = new TimetableBuilder().Stop("A").Stop("B")
            .Trip("Night", "A 24:30, B 25:10", days: [Monday])
            .Build();
        var j = new ConnectionScan(tt).EarliestArrival(Query(tt, "A", "00:10", "B", date: Monday.AddDays(1)))!;
        Assert.Equal(TimetableBuilder.Time("01:10"), j.Arrival);
        Assert.Equal(Monday, j.Legs.Single(l => l.Kind == JourneyLegKind.Ride).ServiceDate);
        Assert.Null(new ConnectionScan(tt).EarliestArrival(Query(tt, "A", "00:10", "B", date: Monday.AddDays(2))));
    }

    [Fact]
    public void Access_and_egress_legs_choose_between_stops()
    {
        var tt = new TimetableBuilder().Stop("A1").Stop("A2").Stop("Z1").Stop("Z2")
            .Trip("Slow", "A1 08:00, Z1 08:40")
            .Trip("Fast", "A2 08:10, Z2 08:30")
            .Build();
        var q = new TransitQuery(Monday, TimetableBuilder.Time("07:50"),
            [new StopAccess(tt.StopIndex("A1"), 60), new StopAccess(tt.StopIndex("A2"), 900)],
            [new StopAccess(tt.StopIndex("Z1"), 60), new StopAccess(tt.StopIndex("Z2"), 300)]);
        var j = new ConnectionScan(tt).EarliestArrival(q)!;
        Assert.Equal(TimetableBuilder.Time("08:35"), j.Arrival);
        Assert.Equal(TimetableBuilder.Time("07:55"), j.Departure);
    }

    [Fact]
    public void Profile_lists_each_useful_departure_latest_first()
    {
        var tt = new TimetableBuilder().Stop("A").Stop("B")
            .Trip("T1", "A 08:00, B 08:30")
            .Trip("Slow", "A 08:05, B 09:30")   // dominated by T2
            .Trip("T2", "A 09:00, B 09:30")
            .Trip("T3", "A 10:00, B 10:30")
            .Build();
        var p = new ConnectionScan(tt).Profile(Query(tt, "A", "07:30", "B", window: 2 * 3600));
        Assert.Equal([new ProfileEntry(TimetableBuilder.Time("09:00"), TimetableBuilder.Time("09:30")), new ProfileEntry(TimetableBuilder.Time("08:00"), TimetableBuilder.Time("08:30"))], p.ToArray());
    }

    /// <summary>A random timetable over a few days with random change times, footpaths and forbidden stops.</summary>
    internal static Timetable RandomTimetable(Random rng)
    {
        int stops = rng.Next(3, 9);
        var b = new TimetableBuilder { FirstDay = Monday, Days = 4 };
        for (int s = 0; s < stops; s++) b.Stop("S" + s, changeSeconds: rng.Next(4) * 60);
        int trips = rng.Next(1, 16);
        for (int t = 0; t < trips; t++)
        {
            int len = rng.Next(2, 6);
            int time = rng.Next(0, 30 * 60) * 60;
            var parts = new List<string>();
            for (int i = 0; i < len; i++)
            {
                int arr = time, dep = time + rng.Next(3) * 60;
                string flag = rng.Next(12) == 0 ? "*" : rng.Next(12) == 0 ? "!" : "";
                parts.Add($"S{rng.Next(stops)} {Fmt(arr)}/{Fmt(dep)}{flag}");
                time = dep + rng.Next(0, 40) * 60;
            }
            var days = Enumerable.Range(0, 4).Where(_ => rng.Next(3) > 0).Select(d => Monday.AddDays(d)).ToArray();
            b.Trip("T" + t, string.Join(", ", parts), days: days.Length == 0 ? [Monday.AddDays(5)] : days);
        }
        for (int f = rng.Next(0, 5); f > 0; f--)
        {
            int x = rng.Next(stops), y = rng.Next(stops);
            if (x != y) { try { b.Footpath("S" + x, "S" + y, rng.Next(1, 20) * 60); } catch (ArgumentException) { } }
        }
        return b.Build();
    }

    private static string Fmt(int seconds) => $"{seconds / 3600:00}:{seconds / 60 % 60:00}:00";

    internal static TransitQuery RandomQuery(Random rng, Timetable tt, int window)
    {
        var access = Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new StopAccess(rng.Next(tt.StopCount), rng.Next(0, 10) * 60)).ToImmutableArray();
        var egress = Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new StopAccess(rng.Next(tt.StopCount), rng.Next(0, 10) * 60)).ToImmutableArray();
        return new TransitQuery(Monday.AddDays(1), rng.Next(-2 * 60, 26 * 60) * 60, access, egress, window, MaxDuration: 3 * 86400);
    }
}
