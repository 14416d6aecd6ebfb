using DemandMobility.Dispatch.Views;

namespace DemandMobility.Transit.Realtime;

/// <summary>What real-time data did to one booking: the engine's outcome and, for a lost connection, what was offered instead.</summary>
/// <param name="Outcome">The engine's outcome.</param>
/// <param name="Offered">The replacement offered (next train with its feeder, or the ride home after the next arrival); null when
/// the connection held or nothing could be planned.</param>
public sealed record ConnectionUpdate(ConnectionOutcome Outcome, string? Offered);
