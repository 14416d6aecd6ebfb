namespace DemandMobility.Dispatch.Views;

/// <summary>An alert as the control room lists it: the alert, its stable id and its acknowledgement, if any.</summary>
public sealed record AlertEntry(string Id, DispatchAlert Alert, AlertAcknowledgement? Acknowledgement);
