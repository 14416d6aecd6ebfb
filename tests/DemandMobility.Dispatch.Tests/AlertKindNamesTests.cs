using DemandMobility.Dispatch.Views;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

public sealed class AlertKindNamesTests
{
    [Fact]
    public void Every_alert_kind_has_its_own_snake_case_name()
    {
        var names = Enum.GetValues<DispatchAlertKind>().Select(AlertKindNames.Of).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
        Assert.Equal("connection_broken", AlertKindNames.Of(DispatchAlertKind.ConnectionBroken));
    }
}
