namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// The engine's change counter: it moves on after every stored command, supervision round or re-plan. Push feeds
    /// (the control room's event stream) remember the value they last rendered and wait with <see cref="WaitForChangeAsync"/>.
    /// </summary>
    public long ChangeVersion => _changes.Version;

    /// <summary>
    /// Completes as soon as <see cref="ChangeVersion"/> differs from <paramref name="seen"/> (at once when it already does).
    /// Nothing is queued: a watcher re-reads the state it shows, so changes that happened together are seen together.
    /// </summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken = default) =>
        _changes.WaitAsync(seen, cancellationToken);
}
