namespace DemandMobility.Simulator.Engine;

/// <summary>A scheduled event. <see cref="Version"/> lets a vehicle ignore events of a leg it has abandoned.</summary>
/// <param name="Time">When it happens (UTC ticks of the simulated clock).</param>
/// <param name="Kind">What happens.</param>
/// <param name="Index">Trip or vehicle index (unused by global events).</param>
/// <param name="Version">The vehicle's leg version when scheduled.</param>
internal readonly record struct SimEvent(long Time, SimEventKind Kind, int Index, int Version = 0);
