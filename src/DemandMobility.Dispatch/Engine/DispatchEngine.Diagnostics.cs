using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>One stop of the committed plan as the diagnostics see it.</summary>
/// <param name="SubjectId">Booking or parcel id.</param>
/// <param name="Kind">Pickup or delivery.</param>
/// <param name="Arrival">Forecast arrival.</param>
/// <param name="ServiceStart">Forecast start of service.</param>
/// <param name="Departure">Forecast departure.</param>
public sealed record PlanStopInfo(string SubjectId, StopKind Kind, DateTimeOffset Arrival, DateTimeOffset ServiceStart, DateTimeOffset Departure);

public sealed partial class DispatchEngine
{
    /// <summary>
    /// The committed plan, vehicle id → stops in order (for the control room's diagnostics, the simulator's
    /// checks and tests). Vehicles without stops are left out.
    /// </summary>
    public Task<ImmutableDictionary<string, ImmutableArray<PlanStopInfo>>> GetPlanAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            var b = ImmutableDictionary.CreateBuilder<string, ImmutableArray<PlanStopInfo>>(StringComparer.Ordinal);
            foreach (var (vehicle, route) in _state.Routes)
            {
                if (route.IsEmpty) continue;
                var stops = ImmutableArray.CreateBuilder<PlanStopInfo>(route.Length);
                foreach (var s in route)
                    stops.Add(new PlanStopInfo(s.TaskId, s.Kind, EngineClock.FromSeconds(s.Arrival),
                        EngineClock.FromSeconds(s.ServiceStart), EngineClock.FromSeconds(s.Departure)));
                b[vehicle] = stops.MoveToImmutable();
            }
            return b.ToImmutable();
        }, cancellationToken);
}
