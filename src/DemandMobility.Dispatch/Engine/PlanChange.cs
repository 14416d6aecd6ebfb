namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// What a run of applied events changed of what a planning problem is built from: the vehicles whose record,
/// position, route or arrival marker moved, and the tasks added, changed or removed. <see cref="Moves"/> counts the
/// events among them that moved <see cref="EngineState.PlanVersion"/>, so a reader can tell whether it saw them all.
/// </summary>
internal sealed class PlanChange
{
    public HashSet<string> Vehicles { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>How many of the events moved the plan version.</summary>
    public int Moves { get; private set; }

    /// <summary>The change made by <paramref name="deltas"/>, applied in this order.</summary>
    public static PlanChange Of(IEnumerable<StateDelta> deltas)
    {
        var change = new PlanChange();
        foreach (var d in deltas)
        {
            if (d.Vehicles is not null)
                foreach (var v in d.Vehicles) change.Vehicles.Add(v.Id);
            if (d.Fix is { } fix) change.Vehicles.Add(fix.VehicleId);
            if (d.Routes is not null)
                foreach (var r in d.Routes) change.Vehicles.Add(r.VehicleId);
            if (d.Markers is not null)
                foreach (var m in d.Markers) change.Vehicles.Add(m.VehicleId);
            if (d.Tasks is not null)
                foreach (var t in d.Tasks) change.Tasks.Add(t.Id);
            if (d.RemovedTasks is not null)
                foreach (var id in d.RemovedTasks) change.Tasks.Add(id);
            // The same rule as EngineState's: a field present moves the version even when its list is empty.
            if (d.Vehicles is not null || d.Fix is not null || d.Tasks is not null || d.RemovedTasks is not null || d.Routes is not null || d.Markers is not null)
                change.Moves++;
        }
        return change;
    }
}
