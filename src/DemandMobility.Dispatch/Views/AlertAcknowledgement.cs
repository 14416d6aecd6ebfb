namespace DemandMobility.Dispatch.Views;

/// <summary>Who acknowledged an alert, and when. The alert itself stays in the log and the list (history kept).</summary>
/// <param name="AlertId">The alert's <see cref="AlertIds.Of"/>.</param>
/// <param name="By">The dispatcher's id (the token's subject).</param>
/// <param name="At">When it was acknowledged (engine clock).</param>
/// <param name="Note">An optional note by the dispatcher (e.g. "rider called back, taxi ordered").</param>
public sealed record AlertAcknowledgement(string AlertId, string By, DateTimeOffset At, string? Note = null);
