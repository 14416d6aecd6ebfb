namespace DemandMobility.Dispatch.Engine;

/// <summary>Increments of the running KPI counters carried by an event, so replay rebuilds them.</summary>
internal sealed record KpiDelta(
    int Served = 0,
    int Rejected = 0,
    int Cancelled = 0,
    int NoShows = 0,
    int ParcelsDelivered = 0,
    int ParcelsLate = 0,
    int Boardings = 0,
    double WaitSeconds = 0,
    double RideSeconds = 0,
    double DrivenMetres = 0,
    double EmptyMetres = 0,
    double PassengerMetres = 0);
