using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// A simulated vehicle: where it is, what it drives to, who is on board (its own load bookkeeping, independent
/// of the engine), and its driven kilometres. Mutable; owned by the event loop.
/// </summary>
internal sealed class VehicleAgent(int index, VehicleRegistration registration)
{
    private const int MaxTrackPoints = 4000;

    public int Index { get; } = index;
    public VehicleRegistration Registration { get; } = registration;
    public string Id => Registration.VehicleId;
    public VehicleMode Mode { get; set; } = VehicleMode.OffShift;
    public GeoPoint Position { get; set; } = registration.Depot;
    public RoadLeg? Leg { get; set; }
    public string? TargetKey { get; set; }
    public bool TargetIsParcelOnly { get; set; }
    public ManifestStop? PendingStop { get; set; }
    public int Version { get; set; }
    public long LastFixTicks { get; set; } = -1;

    /// <summary>When the vehicle is done with the drop-offs at its stop and may start boarding.</summary>
    public long ReadyTicks { get; set; }

    /// <summary>Riders and parcels still to be served at the current stop, one after another.</summary>
    public Queue<ManifestEntry> Work { get; } = new();

    /// <summary>Whether <see cref="Work"/> holds boardings (else drop-offs).</summary>
    public bool WorkIsBoarding { get; set; }

    /// <summary>When the service of the head of <see cref="Work"/> began (its pickup or drop-off time).</summary>
    public long ServiceStartTicks { get; set; }

    /// <summary>Whether the dispatcher accepted any event at the current stop (else the vehicle retries later).</summary>
    public bool Progressed { get; set; }
    public bool ShiftOver { get; set; }

    /// <summary>When the vehicle broke down (it stands where it stopped for the rest of the day), or null.</summary>
    public long? BrokenDownTicks { get; set; }
    public long? ShiftStartedTicks { get; set; }
    public long? ShiftEndedTicks { get; set; }

    /// <summary>Trips on board in boarding order (so per-leg accounting is deterministic).</summary>
    public List<int> OnBoard { get; } = [];
    public LoadVector Load { get; set; }
    public int CapacityViolations { get; set; }
    public int MaxSeatsUsed { get; set; }

    /// <summary>Σ (true − planned) driving seconds so far: the delay traffic gave this vehicle (negative when ahead).</summary>
    public double TrafficDelaySeconds { get; set; }

    /// <summary>Σ (true − planned) dwell seconds so far: the delay its stops gave it (negative when ahead).</summary>
    public double DwellDelaySeconds { get; set; }

    public double Metres { get; set; }
    public double EmptyMetres { get; set; }
    public double PassengerMetres { get; set; }
    public List<GeoPoint> Track { get; } = [registration.Depot];
    public List<GeoPoint> Stops { get; } = [];
    public bool CarriedPupils { get; set; }

    public bool OnShift => Mode is not (VehicleMode.OffShift or VehicleMode.Done);
    public bool Moving => Mode is VehicleMode.Driving or VehicleMode.Returning;

    /// <summary>Current position: interpolated along the leg while driving.</summary>
    public GeoPoint PositionAt(long ticks) => Moving && Leg is not null ? Leg.PositionAt(ticks) : Position;

    /// <summary>Adds the driven part of the leg's geometry to the track, thinning it when it grows long.</summary>
    public void AppendTrack(ReadOnlySpan<GeoPoint> points)
    {
        foreach (var p in points) Track.Add(p);
        if (Track.Count <= MaxTrackPoints) return;
        // Keep every second point: the map needs the shape, not every node.
        int w = 0;
        for (int r = 0; r < Track.Count; r += 2) Track[w++] = Track[r];
        if (Track[w - 1] != Track[^1]) Track[w++] = Track[^1];
        Track.RemoveRange(w, Track.Count - w);
    }
}
