using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// A route as the segment-evaluated moves read it: stops, prefix segments (start ⊕ stops 1..pos), suffix
/// segments (stops pos..n) and the end, either of a <see cref="WorkingRoute"/> or of a scratch copy with one
/// request taken out (<see cref="ReducedRoute"/>).
/// </summary>
internal readonly ref struct SegmentView
{
    public readonly int Vehicle;
    public readonly LoadVector InitialLoad;
    public readonly int LockedCount;
    public readonly ReadOnlySpan<StopNode> Stops;
    private readonly RouteSegment[] _head, _tail;
    public readonly RouteSegment End;

    public SegmentView(int vehicle, LoadVector initialLoad, int lockedCount, ReadOnlySpan<StopNode> stops,
        RouteSegment[] head, RouteSegment[] tail, RouteSegment end)
    {
        Vehicle = vehicle; InitialLoad = initialLoad; LockedCount = lockedCount; Stops = stops;
        _head = head; _tail = tail; End = end;
    }

    public int Count => Stops.Length;
    /// <summary>Segment of positions 0..pos.</summary>
    public ref readonly RouteSegment HeadTo(int pos) => ref _head[pos];
    /// <summary>Segment of stops pos..n without the end (1 ≤ pos ≤ n).</summary>
    public ref readonly RouteSegment TailFrom(int pos) => ref _tail[pos];
}
