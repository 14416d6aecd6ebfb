namespace DemandMobility.Dispatch.Domain;

/// <summary>How an on-demand trip meets a scheduled train or bus.</summary>
public enum TrainConnectionKind
{
    /// <summary>The trip feeds the train: the rider must be dropped off by the departure minus the transfer buffer.</summary>
    Feeder,
    /// <summary>The trip takes the rider home from the train: the pickup opens at the arrival plus the transfer buffer.</summary>
    RideHome,
}
