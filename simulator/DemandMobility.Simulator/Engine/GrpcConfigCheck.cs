using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Engine;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Compares a server's <c>SimulationControl.GetConfig</c> answer with what the scenario's in-process run would use,
/// so a gRPC run never silently differs from the in-process one. Each difference names the server setting to change.
/// </summary>
internal static class GrpcConfigCheck
{
    /// <summary>The differences (empty when the server matches).</summary>
    public static IReadOnlyList<string> Differences(SimulationConfig server, DispatchOptions scenario, int seed, int iterations)
    {
        var problems = new List<string>();
        void Check<T>(string name, string setting, T actual, T expected)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, expected))
                problems.Add($"{name}: server has {actual}, scenario needs {expected} (start the server with {setting}={expected})");
        }
        Check("seed", "--Simulation:Seed", server.Seed, seed);
        Check("iterations", "--Simulation:Iterations", server.Iterations, iterations);
        Check("promise window", "--Dispatch:PromiseWindow", Span(server.PromiseWindow), scenario.PromiseWindow);
        Check("max wait", "--Simulation:MaxWait", Span(server.MaxWait), scenario.MaxWait);
        Check("offer expiry", "--Dispatch:OfferExpiry", Span(server.OfferExpiry), scenario.OfferExpiry);
        Check("max walking", "--Dispatch:MaxWalkingDistanceMeters", server.MaxWalkingM, scenario.MaxWalkingMetres);
        Check("detour factor", "--Dispatch:MaxRideTimeFactor", server.DetourFactor, scenario.DetourFactor);
        Check("detour constant", "--Dispatch:MaxRideTimeConstant", Span(server.DetourConstant), scenario.DetourConstant);
        Check("re-optimisation horizon", "--Dispatch:ReoptimisationHorizon", server.ReoptimisationHorizon?.ToTimeSpan(), scenario.ReoptimisationHorizon);
        var ring = scenario.ServiceArea?.Ring ?? [];
        bool sameArea = ring.Length == server.ServiceArea.Count;
        for (int i = 0; sameArea && i < ring.Length; i++)
            sameArea = ring[i].Latitude == server.ServiceArea[i].Lat && ring[i].Longitude == server.ServiceArea[i].Lon;
        if (!sameArea)
            problems.Add($"service area: server has {server.ServiceArea.Count} corners, scenario needs {ring.Length} " +
                         $"or other corners (start the server with --Simulation:ServiceArea=\"{Corners(scenario)}\")");
        var stops = scenario.FixedStops;
        bool sameStops = stops.Length == server.FixedStops.Count;
        for (int i = 0; sameStops && i < stops.Length; i++)
            sameStops = stops[i].Id == server.FixedStops[i].Id && stops[i].Point.Latitude == server.FixedStops[i].Position.Lat
                        && stops[i].Point.Longitude == server.FixedStops[i].Position.Lon;
        if (!sameStops) problems.Add($"fixed stops: server has {server.FixedStops.Count}, scenario needs {stops.Length} (Region:Stops)");
        return problems;
    }

    private static TimeSpan Span(Duration? d) => d?.ToTimeSpan() ?? TimeSpan.Zero;

    /// <summary>The scenario's ring in the <c>Simulation:ServiceArea</c> syntax ("lon,lat;lon,lat;…").</summary>
    public static string Corners(DispatchOptions o) => o.ServiceArea is null ? "" :
        string.Join(";", o.ServiceArea.Ring.Select(p => FormattableString.Invariant($"{p.Longitude},{p.Latitude}")));
}
