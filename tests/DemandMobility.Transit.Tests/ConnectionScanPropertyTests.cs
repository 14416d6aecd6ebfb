using DemandMobility.Transit.Search;
using DemandMobility.Transit.Timetables;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Transit.Tests;

public class ConnectionScanPropertyTests
{
    [Fact]
    public void Earliest_arrival_equals_the_reference_search_and_its_journey_is_consistent()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var tt = ConnectionScanTests.RandomTimetable(rng);
            for (int k = 0; k < 10; k++)
            {
                var q = ConnectionScanTests.RandomQuery(rng, tt, 0);
                var j = new ConnectionScan(tt).EarliestArrival(q);
                var expected = ReferenceSearch.EarliestArrival(tt, q);
                Assert.Equal(expected, j?.Arrival);
                if (j is not null) CheckJourney(tt, q, j);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Profile_answers_every_departure_time_like_an_earliest_arrival_search()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var tt = ConnectionScanTests.RandomTimetable(rng);
            var q = ConnectionScanTests.RandomQuery(rng, tt, rng.Next(1, 8) * 3600);
            var scan = new ConnectionScan(tt);
            var profile = scan.Profile(q);
            for (int i = 1; i < profile.Length; i++)
            {
                Assert.True(profile[i].Departure < profile[i - 1].Departure);
                Assert.True(profile[i].Arrival < profile[i - 1].Arrival);
            }
            for (int k = 0; k < 12; k++)
            {
                int t = q.Departure + rng.Next(q.Window + 1);
                var single = q with { Departure = t, Window = 0, MaxDuration = q.MaxDuration + q.Departure + q.Window - t };
                var ea = ReferenceSearch.EarliestArrival(tt, single);
                // The profile holds departures inside the window that no later departure (even one after the
                // window) beats: it answers like the single search, or not at all when leaving after the window
                // is as good.
                var fromProfile = ConnectionScan.Evaluate(profile, t);
                if (fromProfile is not null) Assert.Equal(ea, fromProfile);
                else if (ea is not null)
                {
                    int after = q.Departure + q.Window + 1;
                    var later = ReferenceSearch.EarliestArrival(tt, q with { Departure = after, Window = 0, MaxDuration = q.MaxDuration - 1 });
                    Assert.Equal(ea, later);
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    /// <summary>Every leg follows the timetable and the next leg starts no earlier than the previous one allows.</summary>
    private static void CheckJourney(Timetable tt, TransitQuery q, Journey j)
    {
        Assert.Equal(JourneyLegKind.Access, j.Legs[0].Kind);
        Assert.Equal(JourneyLegKind.Egress, j.Legs[^1].Kind);
        Assert.True(j.Departure >= q.Departure);
        int ready = int.MinValue, atStop = -1;
        foreach (var leg in j.Legs)
        {
            switch (leg.Kind)
            {
                case JourneyLegKind.Access:
                    Assert.Contains(q.Access, a => a.Stop == leg.ToStop && a.Seconds == leg.Arrival - leg.Departure);
                    ready = leg.Arrival; atStop = leg.ToStop;
                    break;
                case JourneyLegKind.Ride:
                    Assert.True(tt.Runs(leg.Trip, leg.ServiceDate.DayNumber));
                    int shift = (leg.ServiceDate.DayNumber - q.Date.DayNumber) * 86400;
                    Assert.Equal(tt.StopTimeDeparture(leg.BoardStopTime) + shift, leg.Departure);
                    Assert.Equal(tt.StopTimeArrival(leg.AlightStopTime) + shift, leg.Arrival);
                    Assert.True(leg.BoardStopTime < leg.AlightStopTime && leg.AlightStopTime < tt.TripEnd(leg.Trip) && leg.BoardStopTime >= tt.TripStart(leg.Trip));
                    Assert.Equal(atStop, leg.FromStop);
                    Assert.True(ready <= leg.Departure, "boards before being ready");
                    Assert.True(tt.CanBoard(leg.BoardStopTime) && tt.CanAlight(leg.AlightStopTime));
                    ready = leg.Arrival + tt.MinChangeSeconds(leg.ToStop); atStop = leg.ToStop;
                    break;
                case JourneyLegKind.Transfer:
                    Assert.Equal(atStop, leg.FromStop);
                    Assert.Contains(tt.Footpaths(leg.FromStop), f => f.Target == leg.ToStop && f.Seconds == leg.Arrival - leg.Departure);
                    ready = leg.Arrival; atStop = leg.ToStop;
                    break;
                case JourneyLegKind.Egress:
                    Assert.Equal(atStop, leg.FromStop);
                    Assert.Contains(q.Egress, e => e.Stop == leg.FromStop);
                    Assert.Equal(j.Arrival, leg.Arrival);
                    break;
            }
        }
    }
}
