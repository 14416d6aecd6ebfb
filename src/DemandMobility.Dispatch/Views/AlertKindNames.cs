namespace DemandMobility.Dispatch.Views;

/// <summary>The wire names of <see cref="DispatchAlertKind"/> (gRPC and the dashboard use the same ones).</summary>
public static class AlertKindNames
{
    /// <summary>"duty_lost", "promise_not_kept", "pickup_late", "pickup_missed" or "connection_broken".</summary>
    public static string Of(DispatchAlertKind kind) => kind switch
    {
        DispatchAlertKind.DutyLost => "duty_lost",
        DispatchAlertKind.PromiseNotKept => "promise_not_kept",
        DispatchAlertKind.PickupLate => "pickup_late",
        DispatchAlertKind.PickupMissed => "pickup_missed",
        DispatchAlertKind.ConnectionBroken => "connection_broken",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert kind."),
    };
}
