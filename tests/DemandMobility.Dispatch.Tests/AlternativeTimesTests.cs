using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>A rejected request is offered up to three alternative times that the engine has checked.</summary>
public sealed class AlternativeTimesTests
{
    [Theory]
    [InlineData(true, 13)]   // leave at 20:00, the shift ended at 19:00
    [InlineData(false, 13)]  // arrive by 20:00
    [InlineData(true, -2)]   // leave at 05:00, before the shift starts at 07:00 (the clock is set back)
    [InlineData(false, -1)]  // arrive by 06:00
    public async Task Outside_service_hours_the_nearest_checked_times_inside_them_are_offered(bool leaveAt, int hoursFromStart)
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", onShift: false);
        if (hoursFromStart < 0) h.Clock.Set(Start.AddHours(-4));
        var requested = Start.AddHours(hoursFromStart);
        QuoteRequest Request(DateTimeOffset t) => leaveAt
            ? new QuoteRequest(At(1, 0), At(5, 0), t, null)
            : new QuoteRequest(At(1, 0), At(5, 0), null, t);

        var q = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Request(requested))).Value!;

        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, q.Rejection!.Code);
        Assert.InRange(q.Rejection.AlternativeTimes.Length, 1, h.Options.MaxAlternatives);
        Assert.Equal(q.Rejection.AlternativeTimes.Order(), q.Rejection.AlternativeTimes);
        foreach (var t in q.Rejection.AlternativeTimes)
        {
            Assert.InRange(t, Start, Start.AddHours(12));
            // Each alternative really is bookable now.
            var alt = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Request(t))).Value!;
            Assert.NotNull(alt.Offer);
        }
        // The nearest edge of the service hours comes first or last: within an hour and a half of the request.
        var nearest = q.Rejection.AlternativeTimes.MinBy(t => Math.Abs((t - requested).TotalMinutes));
        Assert.True(Math.Abs((nearest - requested).TotalMinutes) <= 150, $"nearest {nearest:O}");
    }
}
