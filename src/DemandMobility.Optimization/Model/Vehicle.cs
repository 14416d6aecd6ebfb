namespace DemandMobility.Optimization.Model;

/// <summary>A vehicle and its shift. Locations are matrix indices.</summary>
/// <param name="Id">Caller's identifier, echoed in results.</param>
/// <param name="StartLocation">Where the route starts (depot, or the vehicle's current position in live use).</param>
/// <param name="EndLocation">Where the route must end (usually the depot).</param>
/// <param name="Shift">The route may leave the start at or after Earliest and must reach the end by Latest.</param>
/// <param name="Capacity">Capacity per load dimension.</param>
/// <param name="FixedCost">Cost charged when the vehicle serves at least one request.</param>
/// <param name="MaxRouteDuration">Longest time from leaving the start to reaching the end; infinity for none.</param>
/// <param name="Break">Optional driver break.</param>
/// <param name="Group">
/// Compatibility group (e.g. a school): the vehicle serves only requests whose <see cref="Request.Group"/>
/// is equal (ordinal); null serves only ungrouped requests.
/// </param>
public sealed record Vehicle(
    string Id,
    int StartLocation,
    int EndLocation,
    TimeWindow Shift,
    LoadVector Capacity,
    double FixedCost = 0,
    double MaxRouteDuration = double.PositiveInfinity,
    BreakRule? Break = null,
    string? Group = null);
