using System.Collections.Concurrent;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using Proto = DemandMobility.Contracts.V1;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Vehicle ids on a cluster in simulation mode (<c>SimulationConfig.areas</c> not empty): the server names every
/// vehicle <c>area.vehicle</c>, and the simulator keeps the scenario's ids. A vehicle is registered in the area that
/// holds its depot (the first listed when it lies on a shared border, as the server locates points). Booking, offer
/// and parcel ids stay as the server gives them: they are opaque to the simulator.
/// </summary>
internal sealed class ClusterVehicleIds
{
    private readonly IReadOnlyList<(string Id, ServiceArea Boundary)> _areas;
    // Concurrent: a batched run registers the vehicles of several areas at once.
    private readonly ConcurrentDictionary<string, string> _scoped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _local = new(StringComparer.Ordinal);

    private ClusterVehicleIds(IReadOnlyList<(string Id, ServiceArea Boundary)> areas) => _areas = areas;

    /// <summary>The cluster's areas as <paramref name="config"/> lists them; null for a single-process server.</summary>
    public static ClusterVehicleIds? From(Proto.SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Areas.Count == 0) return null;
        return new ClusterVehicleIds([.. config.Areas.Select(a => (a.Id, new ServiceArea([.. a.Boundary.Select(p => new GeoPoint(p.Lat, p.Lon))])))]);
    }

    /// <summary>The area ids, in the server's order.</summary>
    public IEnumerable<string> AreaIds => _areas.Select(a => a.Id);

    /// <summary>The area holding <paramref name="point"/>, or null outside every area.</summary>
    public string? AreaOf(GeoPoint point)
    {
        foreach (var (id, boundary) in _areas)
            if (boundary.Contains(point)) return id;
        return null;
    }

    /// <summary>The server's id for <paramref name="vehicleId"/>, whose depot is <paramref name="depot"/>; an error naming the depot outside every area.</summary>
    public DispatchResult<string> Assign(string vehicleId, GeoPoint depot)
    {
        if (_scoped.TryGetValue(vehicleId, out var known)) return known;
        if (AreaOf(depot) is not { } area)
            return DispatchError.Invalid("depot", $"The depot {depot} of '{vehicleId}' lies outside every service area of the cluster ({string.Join(", ", AreaIds)}).");
        string scoped = area + "." + vehicleId;
        _scoped[vehicleId] = scoped;
        _local[scoped] = vehicleId;
        return scoped;
    }

    /// <summary>The server's id of a registered vehicle (unchanged when unknown, so the server names the problem).</summary>
    public string Scoped(string vehicleId) => _scoped.TryGetValue(vehicleId, out var scoped) ? scoped : vehicleId;

    /// <summary>The area a registered vehicle belongs to; null when it was not registered here.</summary>
    public string? AreaOfVehicle(string vehicleId) =>
        _scoped.TryGetValue(vehicleId, out var scoped) && AreaScopedIdOf(scoped) is { } area ? area : null;

    private static string? AreaScopedIdOf(string scoped)
    {
        int dot = scoped.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? scoped[..dot] : null;
    }

    /// <summary>The scenario's id of a vehicle the server named (unchanged when not registered here).</summary>
    public string Local(string serverId) => _local.TryGetValue(serverId, out var local) ? local : serverId;
}
