namespace DemandMobility.Simulator.Output;

/// <summary>A dispatcher alert raised during the run, as the control room saw it (the engine's alert log).</summary>
/// <param name="At">When it was raised.</param>
/// <param name="Kind"><c>duty_lost</c>, <c>promise_not_kept</c>, <c>pickup_late</c> or <c>pickup_missed</c>.</param>
/// <param name="VehicleId">The vehicle concerned, if any.</param>
/// <param name="BookingId">The booking concerned, if any.</param>
/// <param name="TripId">The demand trip of that booking, if it is one of the run's.</param>
/// <param name="Message">The dispatcher's sentence.</param>
public sealed record IncidentAlert(DateTimeOffset At, string Kind, string? VehicleId, string? BookingId, string? TripId, string Message);
