using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Services;

/// <summary>The engine's manifest as <see cref="SimulationManifest"/> (planned departures and entry windows), for both server modes.</summary>
public static class SimulationManifestMapping
{
    /// <summary>The message for <paramref name="view"/>.</summary>
    public static SimulationManifest ToProto(ManifestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var manifest = new SimulationManifest { VehicleId = view.VehicleId, OnShift = view.State == Dispatch.Domain.VehicleShiftState.OnShift };
        foreach (var s in view.Stops)
        {
            var stop = new SimulationManifestStop
            {
                Point = ProtoMapping.ToProto(s.Point),
                PlannedArrival = ProtoMapping.ToTimestamp(s.PlannedArrival),
                PlannedDeparture = ProtoMapping.ToTimestamp(s.PlannedDeparture),
                DelaySeconds = s.DelaySeconds,
            };
            if (s.BoardingStart is { } boarding) stop.BoardingStart = ProtoMapping.ToTimestamp(boarding);
            foreach (var e in s.Board) stop.Board.Add(ToProto(e));
            foreach (var e in s.Alight) stop.Alight.Add(ToProto(e));
            manifest.Stops.Add(stop);
        }
        return manifest;
    }

    private static SimulationManifestEntry ToProto(ManifestEntry e)
    {
        var entry = new SimulationManifestEntry { SubjectId = e.SubjectId, IsParcel = e.IsParcel, OwnerId = e.OwnerId, Load = ProtoMapping.ToProto(e.Load) };
        if (e.PromisedFrom is { } from) entry.WindowStart = ProtoMapping.ToTimestamp(from);
        if (e.PromisedUntil is { } until) entry.WindowEnd = ProtoMapping.ToTimestamp(until);
        return entry;
    }
}
