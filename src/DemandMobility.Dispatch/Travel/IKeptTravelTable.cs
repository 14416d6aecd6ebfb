using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Travel;

/// <summary>
/// Tables between a few new points and points that are asked about again and again (a plan's stops), answered
/// from the kept points' searches: each kept point is searched once, when it is first asked about, and the tables
/// then cost a forward and a backward search per new point. Every cell equals <see cref="ITravelTimeService.Table"/>'s
/// for the same points. Thread-safe.
/// </summary>
public interface IKeptTravelTable
{
    /// <summary>How many points are kept (targets plus sources).</summary>
    int KeptPoints { get; }

    /// <summary>
    /// <paramref name="fresh"/> × <paramref name="targets"/>, <paramref name="sources"/> × <paramref name="fresh"/> and
    /// fresh × fresh; the targets and sources are kept, the new points are not.
    /// </summary>
    KeptTravelTables Around(IReadOnlyList<GeoPoint> fresh, IReadOnlyList<GeoPoint> targets, IReadOnlyList<GeoPoint> sources);

    /// <summary>Keeps only <paramref name="live"/> (the points of a fresh plan); others are kept again when asked about.</summary>
    void Retain(IEnumerable<GeoPoint> live);
}

/// <summary>The tables of <see cref="IKeptTravelTable.Around"/>.</summary>
/// <param name="FromFresh">New points × targets.</param>
/// <param name="ToFresh">Sources × new points.</param>
/// <param name="Between">New points × new points.</param>
public sealed record KeptTravelTables(TravelTable FromFresh, TravelTable ToFresh, TravelTable Between);
