using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The cards a push feed keeps between two snapshots (<see cref="DashboardSnapshotBuilder.NextAsync"/>): every vehicle,
/// every booking the page may list (open, or finished today; not yet cut to the page's limit), the engine's KPIs and
/// alerts, the engine's change position they were read at, and the views a clock refresh needs (vehicles, offers). Mutable on purpose (updated in place per change, a hot
/// path); only the builder touches it, under its lock. A card that did not change stays the same object, which is what
/// lets <see cref="KeyedDiff{T}"/> skip it without serialising it.
/// </summary>
internal sealed class ConsoleCards(long position, DateTimeOffset now, DateTimeOffset day)
{
    /// <summary>The engine's change position the cards reflect (<see cref="StateChanges.Position"/>).</summary>
    public long Position { get; set; } = position;

    /// <summary>When they were last read.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <summary>Start of the local day they were read for (a new day reads everything again).</summary>
    public DateTimeOffset Day { get; } = day;

    /// <summary>Vehicle ids in registration order.</summary>
    public List<string> VehicleOrder { get; } = [];

    public Dictionary<string, VehicleCard> Vehicles { get; } = new(StringComparer.Ordinal);

    /// <summary>The engine's view each vehicle card was made from: a clock refresh compares the forecast with it.</summary>
    public Dictionary<string, VehicleStatusView> VehicleViews { get; } = new(StringComparer.Ordinal);

    /// <summary>The views of listed offers: an offer expires with the clock alone, without an engine change.</summary>
    public Dictionary<string, BookingView> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BookingCard> Bookings { get; } = new(StringComparer.Ordinal);

    public KpiReport? Kpi { get; set; }

    public List<ControlAlertCard> EngineAlerts { get; set; } = [];

    /// <summary>Dispatchers' acknowledgements of computed alerts in the alert window, oldest first.</summary>
    public IReadOnlyList<Dispatch.Views.AlertAcknowledgement> Acknowledgements { get; set; } = [];

    public void PutVehicle(VehicleStatusView view, VehicleCard card)
    {
        if (!Vehicles.ContainsKey(card.Id)) VehicleOrder.Add(card.Id);
        Vehicles[card.Id] = card;
        VehicleViews[card.Id] = view;
    }
}
