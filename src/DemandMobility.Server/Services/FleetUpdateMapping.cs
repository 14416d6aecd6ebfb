using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Services;

/// <summary>The control room's fleet update and KPI messages from the engine's views, for both server modes.</summary>
internal static class FleetUpdateMapping
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>Throttle of the fleet stream: at most one message per vehicle per this interval.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static FleetUpdate ToUpdate(VehicleStatusView v, DateTimeOffset now)
    {
        var update = new FleetUpdate
        {
            Position = new VehiclePosition { VehicleId = v.VehicleId, HeadingDeg = -1 },
            Load = ProtoMapping.ToProto(v.Load),
            Delay = ProtoMapping.ToDuration(Math.Max(0, v.DelaySeconds)),
            Stale = v.FixAt is not { } fix || now - fix > StaleAfter,
        };
        if (v.Position is { } p) update.Position.Position = ProtoMapping.ToProto(p);
        if (v.FixAt is { } at) update.Position.RecordedAt = ProtoMapping.ToTimestamp(at);
        for (int i = 0; i < v.NextStops.Length && i < 5; i++)
        {
            var s = v.NextStops[i];
            update.NextStops.Add(new NextStop
            {
                StopId = ProtoMapping.StopIdOf(s.Point),
                PlannedArrival = ProtoMapping.ToTimestamp(s.PlannedArrival),
                Boarding = Count(s.Board),
                Alighting = Count(s.Alight),
            });
        }
        return update;
    }

    private static int Count(System.Collections.Immutable.ImmutableArray<ManifestEntry> entries)
    {
        int n = 0;
        foreach (var e in entries)
            if (!e.IsParcel) n += e.Load.Seats + e.Load.Wheelchairs;
        return n;
    }

    /// <summary>The KPI message of a report.</summary>
    public static Kpis ToProto(KpiReport k) => new()
    {
        Served = k.Served,
        Rejected = k.Rejected,
        Cancelled = k.Cancelled,
        NoShows = k.NoShows,
        ParcelsDelivered = k.ParcelsDelivered + k.ParcelsDeliveredLate,
        MeanWait = ProtoMapping.ToDuration(k.AverageWaitSeconds),
        P95Wait = ProtoMapping.ToDuration(k.P95WaitSeconds),
        MeanDetourFactor = k.MeanDetourFactor,
        Punctuality = k.Punctuality,
        MeanRide = ProtoMapping.ToDuration(k.AverageRideSeconds),
        MeanOccupancy = k.Occupancy,
        EmptyKm = k.EmptyKm,
        TotalKm = k.VehicleKm,
    };
}
