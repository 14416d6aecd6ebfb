namespace DemandMobility.Routing.Graph;

/// <summary>
/// Time costs of moving from one road edge to the next, used by the turn-aware graph (<see cref="TurnGraph"/>).
/// Defaults are those of OSRM's car profile (car.lua, <c>process_turn</c>): a turn penalty by angle with a
/// logistic curve up to <see cref="TurnPenaltySeconds"/>, right turns cheaper than left by <see cref="TurnBias"/>
/// (right-hand traffic), applied only where more than two roads meet; U-turns add <see cref="UTurnSeconds"/>;
/// traffic signals 2 s, stop 2 s, give way 1 s. Level crossings are not priced by OSRM; 5 s is our estimate
/// (slowing down over the tracks, an occasional closed barrier).
/// </summary>
/// <param name="TurnPenaltySeconds">Largest angle-dependent penalty (a sharp turn).</param>
/// <param name="TurnBias">Ratio of left- to right-turn cost (&gt; 1 for right-hand traffic).</param>
/// <param name="UTurnSeconds">Extra cost of turning back onto the reverse edge.</param>
/// <param name="TrafficSignalSeconds">Cost of passing a node with traffic signals.</param>
/// <param name="StopSeconds">Cost of passing a stop sign.</param>
/// <param name="GiveWaySeconds">Cost of passing a give-way sign.</param>
/// <param name="LevelCrossingSeconds">Cost of passing a railway level crossing.</param>
public sealed record TurnCosts(
    double TurnPenaltySeconds = 7.5,
    double TurnBias = 1.075,
    double UTurnSeconds = 20,
    double TrafficSignalSeconds = 2,
    double StopSeconds = 2,
    double GiveWaySeconds = 1,
    double LevelCrossingSeconds = 5)
{
    /// <summary>The default costs (see the type's summary).</summary>
    public static TurnCosts Standard { get; } = new();

    /// <summary>No costs at all: the turn-aware graph then has the node-based graph's shortest paths.</summary>
    public static TurnCosts None { get; } = new(0, 1, 0, 0, 0, 0, 0);

    /// <summary>
    /// Angle penalty in seconds; <paramref name="angleDegrees"/> in (-180, 180], 0 = straight on, positive = right.
    /// OSRM car.lua: penalty / (1 + exp(-(13/bias * angle/180 - 6.5*bias))) for right turns, mirrored with the
    /// bias inverted for left turns.
    /// </summary>
    public double AnglePenaltySeconds(double angleDegrees)
    {
        if (TurnPenaltySeconds <= 0) return 0;
        return angleDegrees >= 0
            ? TurnPenaltySeconds / (1 + Math.Exp(-(13 / TurnBias * angleDegrees / 180 - 6.5 * TurnBias)))
            : TurnPenaltySeconds / (1 + Math.Exp(-(13 * TurnBias * -angleDegrees / 180 - 6.5 / TurnBias)));
    }

    /// <summary>Cost of passing a node with the given control, in seconds.</summary>
    public double ControlSeconds(NodeControl control) => control switch
    {
        NodeControl.TrafficSignals => TrafficSignalSeconds,
        NodeControl.Stop => StopSeconds,
        NodeControl.GiveWay => GiveWaySeconds,
        NodeControl.LevelCrossing => LevelCrossingSeconds,
        _ => 0,
    };
}
