namespace DemandMobility.Dispatch.Engine;

/// <summary>One event's KPI increment and the domain time it happened.</summary>
internal readonly record struct KpiEntry(DateTimeOffset At, KpiDelta Delta);
