using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// One stop as the hot paths see it: flat data copied from the request once, so that schedule
/// evaluation never touches records. A break has <see cref="Location"/> −1: it is taken where the
/// vehicle is, so it inherits the location of the stop before it.
/// </summary>
internal struct StopNode
{
    public int Request;
    public StopKind Kind;
    public int Location;
    public double Earliest;
    public double Latest;
    public double Service;
    public LoadVector Delta;
    /// <summary>Ride-time limit of the request (deliveries only; infinity otherwise).</summary>
    public double MaxRide;
    /// <summary>For the delivery of a request already on board: when its pickup service ended; NaN otherwise.</summary>
    public double OnBoardSince;

    public readonly bool IsBreak => Kind == StopKind.Break;
}
