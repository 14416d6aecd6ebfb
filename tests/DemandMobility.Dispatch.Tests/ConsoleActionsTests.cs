using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>The control room adds an ad-hoc vehicle and acknowledges computed alerts; both are events naming the dispatcher.</summary>
public sealed class ConsoleActionsTests
{
    private static readonly CallerIdentity Anna = CallerIdentity.Dispatcher("anna");

    [Fact]
    public async Task An_ad_hoc_vehicle_is_registered_and_in_service_at_once_and_survives_a_restart()
    {
        var h = await CreateAsync();
        int before = h.Store.Count;

        var added = await h.Engine.AddAdHocVehicleAsync(Anna, "spare-1", new LoadVector(8, 1), P(0, 0), Start.AddHours(4));

        Assert.True(added.IsSuccess, added.Error?.Message);
        Assert.Equal(VehicleShiftState.OnShift, added.Value!.State);
        Assert.Equal((Start, Start.AddHours(4)), (added.Value.ShiftStart, added.Value.ShiftEnd));
        var events = h.Store.Snapshot().Skip(before).ToList();
        Assert.Equal([EventTypes.VehicleRegistered, EventTypes.ShiftStarted], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Contains("dispatcher:anna", e.Payload, StringComparison.Ordinal));
        // It takes work at once, and still after a restart.
        Assert.Equal("spare-1", (await h.OfferAsync("r1", Trip(At(1, 0), At(4, 0), Start.AddMinutes(20)))).VehicleId);
        await h.ReopenAsync();
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.Equal(VehicleShiftState.OnShift, fleet.Vehicles.Single(v => v.VehicleId == "spare-1").State);
    }

    [Fact]
    public async Task A_refused_ad_hoc_vehicle_stores_nothing_and_says_why()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        int events = h.Store.Count;

        Assert.Equal(DispatchErrorCode.PermissionDenied,
            (await h.Engine.AddAdHocVehicleAsync(CallerIdentity.Driver("bus-1"), "x", new LoadVector(8), P(0, 0), Start.AddHours(1))).Error!.Code);
        Assert.Equal(DispatchErrorCode.AlreadyExists,
            (await h.Engine.AddAdHocVehicleAsync(Anna, "bus-1", new LoadVector(8), P(0, 0), Start.AddHours(1))).Error!.Code);
        var past = (await h.Engine.AddAdHocVehicleAsync(Anna, "spare", new LoadVector(8), P(0, 0), Start.AddMinutes(-1))).Error!;
        Assert.Equal((DispatchErrorCode.InvalidArgument, "until"), (past.Code, past.Field));
        var far = (await h.Engine.AddAdHocVehicleAsync(Anna, "spare", new LoadVector(8), P(0, 0), Start.AddHours(15))).Error!;
        Assert.Equal((DispatchErrorCode.InvalidArgument, "until"), (far.Code, far.Field));
        Assert.Contains("14 h", far.Message, StringComparison.Ordinal);
        var empty = (await h.Engine.AddAdHocVehicleAsync(Anna, "spare", new LoadVector(0), P(0, 0), Start.AddHours(1))).Error!;
        Assert.Equal((DispatchErrorCode.InvalidArgument, "capacity"), (empty.Code, empty.Field));
        Assert.Equal(events, h.Store.Count);
        Assert.Single((await h.Engine.GetFleetAsync(Control)).Value!.Vehicles);
    }

    [Fact]
    public async Task A_computed_alert_is_acknowledged_once_with_who_and_when_and_kept_after_a_restart()
    {
        var h = await CreateAsync();
        const string id = DispatchEngine.ComputedAlertPrefix + "late/bus-1/b-7";

        var first = await h.Engine.AcknowledgeComputedAlertAsync(Anna, id, "called the rider");
        var again = await h.Engine.AcknowledgeComputedAlertAsync(CallerIdentity.Dispatcher("ben"), id);

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal(("anna", Start, "called the rider"), (first.Value!.By, first.Value.At, first.Value.Note));
        Assert.Equal(first.Value, again.Value);
        var stored = h.Store.Snapshot().Last();
        Assert.Equal(EventTypes.AlertAcknowledged, stored.Type);
        Assert.Contains("dispatcher:anna", stored.Payload, StringComparison.Ordinal);
        await h.ReopenAsync();
        var acks = (await h.Engine.GetComputedAlertAcknowledgementsAsync(Control, Start.AddHours(-1))).Value!;
        Assert.Equal(id, Assert.Single(acks).AlertId);
        Assert.Empty((await h.Engine.GetComputedAlertAcknowledgementsAsync(Control, Start.AddMinutes(1))).Value!);
    }

    [Theory]
    [InlineData("late/bus-1")]
    [InlineData("computed/")]
    [InlineData("computed/late\n")]
    public async Task A_computed_alert_id_without_the_prefix_or_with_control_characters_is_refused(string id)
    {
        var h = await CreateAsync();
        int events = h.Store.Count;

        var refused = await h.Engine.AcknowledgeComputedAlertAsync(Anna, id);

        Assert.Equal((DispatchErrorCode.InvalidArgument, "alertId"), (refused.Error!.Code, refused.Error.Field));
        Assert.Equal(DispatchErrorCode.PermissionDenied,
            (await h.Engine.AcknowledgeComputedAlertAsync(CallerIdentity.Rider("r"), DispatchEngine.ComputedAlertPrefix + "x")).Error!.Code);
        Assert.Equal(events, h.Store.Count);
    }
}
