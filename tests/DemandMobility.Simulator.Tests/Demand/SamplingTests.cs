using DemandMobility.Simulator.Demand;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Simulator.Tests.Demand;

public sealed class SamplingTests
{
    [Fact]
    public void TimeProfileSamples_FallOnlyInHoursWithWeight()
    {
        var cases =
            from hours in Gen.ArrayOf(Gen.Choose(0, 23), 3)
            from weights in Gen.ArrayOf(Gen.Choose(1, 10), 3)
            from seed in Gen.Choose(0, 100_000)
            select (hours, weights, seed);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var profile = TimeProfile.FromPairs(null, c.hours.Zip(c.weights, (h, w) => (h, (double)w)));
            var random = new Random(c.seed);
            for (int i = 0; i < 200; i++)
            {
                double second = profile.SampleSecondOfDay(random);
                int hour = (int)(second / 3600);
                if (second < 0 || hour > 23 || profile.HourWeights[hour] <= 0)
                    return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void WeightedChoice_NeverPicksAZeroWeight_AndFollowsTheWeights()
    {
        var cases = Gen.ArrayOf(Gen.Choose(0, 3)).Where(w => w.Length > 0).SelectMany(w => Gen.Choose(0, 100_000).Select(seed => (w, seed)));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double[] weights = c.w.Select(x => (double)x).ToArray();
            var random = new Random(c.seed);
            int pick = WeightedChoice.Pick(weights, random);
            return weights.Sum() == 0 ? pick == -1 : pick >= 0 && weights[pick] > 0;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);

        var counts = new int[3];
        var rng = new Random(3);
        for (int i = 0; i < 6000; i++)
            counts[WeightedChoice.Pick([1.0, 2.0, 3.0], rng)]++;
        Assert.InRange(counts[0], 800, 1200);
        Assert.InRange(counts[2], 2700, 3300);
    }

    [Theory]
    [InlineData("07:05", 7 * 60 + 5)]
    [InlineData("7:05", 7 * 60 + 5)]
    [InlineData("25:30", 25 * 60 + 30)]
    [InlineData("00:00:30", 0.5)]
    public void DayTimes_AreRead(string text, double minutes)
    {
        Assert.True(DayTime.TryParse(text, out var offset));
        Assert.Equal(TimeSpan.FromMinutes(minutes), offset);
    }

    [Theory]
    [InlineData("7h05")]
    [InlineData("07:5")]
    [InlineData("48:00")]
    [InlineData("07:60")]
    [InlineData("")]
    public void BadDayTimes_AreRefused(string text) => Assert.False(DayTime.TryParse(text, out _));
}
