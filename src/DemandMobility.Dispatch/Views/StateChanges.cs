using System.Collections.Immutable;

namespace DemandMobility.Dispatch.Views;

/// <summary>
/// What changed in the engine since a reader's last position (<see cref="Engine.DispatchEngine.GetChangesSinceAsync"/>):
/// the current views of the vehicles and bookings touched, the ids of bookings that are gone, and whether alerts or
/// KPIs moved. <see cref="Complete"/> is false when the engine no longer knows what changed since that position (the
/// reader fell too far behind, or it starts): the lists are then empty and the reader reads everything again.
/// </summary>
/// <param name="Position">The position to ask from next time.</param>
/// <param name="At">The engine's clock when read.</param>
/// <param name="Complete">The lists hold every change since the position asked for.</param>
/// <param name="Vehicles">Vehicles changed (their position, state, route or stops).</param>
/// <param name="Bookings">Bookings changed, and every booking on the route of a changed vehicle (its forecast moves with the vehicle).</param>
/// <param name="GoneBookings">Bookings the engine no longer holds (offers swept after expiry).</param>
/// <param name="AlertsChanged">An alert was raised or acknowledged.</param>
/// <param name="KpisChanged">A KPI figure moved.</param>
public sealed record StateChanges(
    long Position, DateTimeOffset At, bool Complete,
    ImmutableArray<VehicleStatusView> Vehicles, ImmutableArray<BookingView> Bookings, ImmutableArray<string> GoneBookings,
    bool AlertsChanged, bool KpisChanged);
