namespace DemandMobility.Dispatch.Engine;

internal sealed partial class EngineState
{
    /// <summary>Acknowledged alerts by alert id (<see cref="Views.AlertIds"/>): who and when.</summary>
    public Dictionary<string, Views.AlertAcknowledgement> AlertAcks { get; } = new(StringComparer.Ordinal);

    private void ApplyControlRoom(StateDelta d)
    {
        if (d.AlertAcks is not null)
            foreach (var a in d.AlertAcks) AlertAcks[a.AlertId] = a;
    }
}
