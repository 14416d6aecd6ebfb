using DemandMobility.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using EngineOptions = DemandMobility.Dispatch.Engine.DispatchOptions;

namespace DemandMobility.Server.Services;

/// <summary>
/// The engine options a simulation result depends on, as a <see cref="SimulationConfig"/>. The simulator builds the
/// same message from its scenario (it cannot reference the server) and compares the two with protobuf equality.
/// </summary>
public static class SimulationConfigMapping
{
    /// <summary>Identifies the engine code (deterministic builds of the same source give the same ids).</summary>
    public static string EngineBuild { get; } =
        typeof(Dispatch.Engine.DispatchEngine).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "/"
        + typeof(Optimization.Search.Solver).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>The message for <paramref name="options"/>, <paramref name="seed"/> and <paramref name="iterations"/> (without <c>now</c>).</summary>
    public static SimulationConfig ToProto(EngineOptions options, int seed, int iterations)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new SimulationConfig
        {
            Seed = seed,
            Iterations = iterations,
            PromiseWindow = Duration.FromTimeSpan(options.PromiseWindow),
            MaxWait = Duration.FromTimeSpan(options.MaxWait),
            OfferExpiry = Duration.FromTimeSpan(options.OfferExpiry),
            MaxWalkingM = options.MaxWalkingMetres,
            DetourFactor = options.DetourFactor,
            DetourConstant = Duration.FromTimeSpan(options.DetourConstant),
            BookingHorizon = Duration.FromTimeSpan(options.BookingHorizon),
            EngineBuild = EngineBuild,
        };
        if (options.ReoptimisationHorizon is { } horizon) config.ReoptimisationHorizon = Duration.FromTimeSpan(horizon);
        if (options.ServiceArea is { } area)
            foreach (var p in area.Ring) config.ServiceArea.Add(ProtoMapping.ToProto(p));
        foreach (var s in options.FixedStops)
            config.FixedStops.Add(new SimulationFixedStop { Id = s.Id, Name = s.Name, Position = ProtoMapping.ToProto(s.Point) });
        return config;
    }
}
