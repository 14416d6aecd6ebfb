namespace DemandMobility.Routing.Graph;

/// <summary>Traffic control at a road node that costs time when driving through it (turn-aware graph).</summary>
public enum NodeControl : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary><c>highway=traffic_signals</c>.</summary>
    TrafficSignals = 1,
    /// <summary><c>highway=stop</c>.</summary>
    Stop = 2,
    /// <summary><c>highway=give_way</c>.</summary>
    GiveWay = 3,
    /// <summary><c>railway=level_crossing</c> (a road crossing a railway).</summary>
    LevelCrossing = 4,
}
