namespace DemandMobility.Server.Configuration;

/// <summary>
/// Section <c>Simulation</c>: when <see cref="Enabled"/>, the server runs as the simulator's dispatcher
/// (<c>dm simulate --server URL</c>): a clock only the <c>SimulationControl</c> service moves, a seeded random
/// source, re-optimisation by iteration count on request, and no background loops or default fleet.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Simulation";

    /// <summary><c>Simulation:Enabled</c>: registers <c>SimulationControl</c>; never set it on a live server.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>Simulation:Seed</c>: seed of the engine's ids and of the solver (the scenario's seed).</summary>
    public int Seed { get; set; } = 1;

    /// <summary><c>Simulation:Iterations</c>: solver iterations per re-optimisation round (the scenario's).</summary>
    public int Iterations { get; set; } = 200;

    /// <summary><c>Simulation:MaxWait</c>: the engine's maximum wait beyond the promise (no <c>Dispatch</c> key exists for it); null keeps the engine default.</summary>
    public TimeSpan? MaxWait { get; set; }

    /// <summary>
    /// <c>Simulation:ServiceArea</c>: the scenario's service area as "lon,lat;lon,lat;…" (invariant culture), replacing
    /// <c>Region:ServiceArea</c> for the engine. Configuration merges arrays index by index, so a command line cannot
    /// shorten the five-corner default to a scenario's four-corner box; this key can. Empty keeps the region's.
    /// </summary>
    public string ServiceArea { get; set; } = "";

    /// <summary><c>Simulation:Start</c>: the clock's initial time (the simulator moves it forward); default 2000-01-01 UTC.</summary>
    public DateTimeOffset Start { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
