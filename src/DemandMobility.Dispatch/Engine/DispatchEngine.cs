using System.Security.Cryptography;
using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The dispatcher: takes commands (quotes, confirmations, stop events, GPS fixes…), has the decider of their use case
/// (<see cref="QuoteDecider"/>, <see cref="BookingDecider"/>, <see cref="StopEventDecider"/>, <see cref="FleetDecider"/>,
/// <see cref="ParcelDecider"/>, <see cref="DutyDecider"/>, <see cref="ReoptimisationDecider"/>) decide their outcome
/// against the committed plan, stores the outcome events and only then applies them and answers. The same
/// code serves the live service and the simulator (inject a simulated <see cref="TimeProvider"/>).
/// </summary>
/// <remarks>
/// Concurrency: one asynchronous reader/writer lock. State changes run alone (writer), so they are serialised;
/// reads share it (readers) and see a consistent plan. A quote only reads the plan to decide its offer, so it
/// decides as a reader, in parallel with other quotes, and takes the writer side only to record the offer in
/// memory (an offer does not change the plan, and confirming re-checks it against the plan of that moment).
/// Offers are not stored durably: see <see cref="RequestQuoteAsync"/>.
/// The re-optimiser solves outside the lock on a snapshot and adopts its result only if the plan did not move
/// meanwhile. Open with <see cref="OpenAsync"/>, which replays the store.
/// </remarks>
public sealed partial class DispatchEngine
{
    private readonly DispatchOptions _options;
    private readonly TravelCache _travel;
    private readonly IDispatchStore _store;
    private readonly TimeProvider _time;
    private readonly Func<Optimization.Model.Problem, Optimization.Model.Solution, CancellationToken, Optimization.Model.Solution> _solve;
    private readonly EngineLock _lock = new();
    private readonly EngineState _state = new() { Journal = new ChangeJournal() };
    private readonly ChangeSignal _changes = new();
    private readonly QuoteReplies _quoteReplies = new();
    private readonly EngineContext _context;
    private readonly RoutePlanner _planner;
    private readonly RequestRules _rules;
    private readonly QuoteDecider _quotes;
    private readonly BookingDecider _bookings;
    private readonly StopEventDecider _stopEvents;
    private readonly FleetDecider _fleet;
    private readonly ParcelDecider _parcels;
    private readonly DutyDecider _duties;
    private readonly ReoptimisationDecider _reoptimisation;
    private readonly ForecastReader _forecast;

    private DispatchEngine(
        DispatchOptions options, ITravelTimeService travel, IDispatchStore store, TimeProvider time, Random random,
        IInsertionStrategy? insertion, Optimization.Search.SolverOptions? solverOptions)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid dispatch options: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _travel = new TravelCache(travel);
        _store = store;
        _time = time;
        _context = new EngineContext(_state, options, _travel, time, random, insertion ?? new OptimizerInsertionStrategy());
        var planner = _planner = new RoutePlanner(_context);
        _rules = new RequestRules(_context);
        _quotes = new QuoteDecider(_context, planner, _rules);
        _bookings = new BookingDecider(_context, planner);
        _stopEvents = new StopEventDecider(_context, planner, _rules);
        _fleet = new FleetDecider(_context, planner, _rules);
        _parcels = new ParcelDecider(_context, planner, _rules);
        _duties = new DutyDecider(_context, planner, _rules);
        _reoptimisation = new ReoptimisationDecider(_context);
        _forecast = new ForecastReader(_context, planner);
        var solver = new Optimization.Search.Solver(solverOptions ?? new Optimization.Search.SolverOptions(RoundTimeLimit));
        _solve = (p, s, ct) => solver.Solve(p, s, null, ct);
    }

    /// <summary>
    /// Creates an engine and rebuilds its state by replaying every event in <paramref name="store"/>.
    /// </summary>
    /// <param name="options">Service rules (validated; invalid options throw <see cref="ArgumentException"/>).</param>
    /// <param name="travel">Road network access.</param>
    /// <param name="store">The event log and idempotency records.</param>
    /// <param name="time">The clock (a fake one in tests and simulation).</param>
    /// <param name="random">Seeded source for ids, so simulations replay identically.</param>
    /// <param name="insertion">Insertion strategy; the optimiser's <c>InsertionService</c> by default.</param>
    /// <param name="solverOptions">Limits of <see cref="ReoptimiseAsync"/>'s solver runs.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <param name="snapshots">When to snapshot the state (<see cref="EngineSnapshotPolicy.Default"/> when null).</param>
    /// <exception cref="StoreIntegrityException">A stored event is missing or altered (names its sequence).</exception>
    /// <exception cref="InvalidDataException">A stored event is unknown or unreadable (names its sequence).</exception>
    public static async Task<DispatchEngine> OpenAsync(
        DispatchOptions options, ITravelTimeService travel, IDispatchStore store, TimeProvider time, Random random,
        IInsertionStrategy? insertion = null, Optimization.Search.SolverOptions? solverOptions = null,
        CancellationToken cancellationToken = default, EngineSnapshotPolicy? snapshots = null)
    {
        var engine = new DispatchEngine(options, travel, store, time, random, insertion, solverOptions);
        await engine.ReplayAsync(snapshots ?? EngineSnapshotPolicy.Default, cancellationToken).ConfigureAwait(false);
        engine.SweepLocked();
        return engine;
    }

    /// <summary>
    /// The wall-clock budget of a re-optimisation round's search when no solver options are given: the solver runs on
    /// one thread until it is spent, so a searching round costs up to this much CPU (less on a busy machine).
    /// </summary>
    public static readonly TimeSpan RoundTimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>The options in force.</summary>
    public DispatchOptions Options => _options;

    private static StateDelta ReadDelta(StoredEvent e)
    {
        if (!EventTypes.All.Contains(e.Type))
            throw new InvalidDataException($"Event {e.Sequence} ('{e.StreamId}') has unknown type '{e.Type}'.");
        try
        {
            return JsonSerializer.Deserialize<StateDelta>(e.Payload, EventJson.Options)
                ?? throw new InvalidDataException($"Event {e.Sequence} ({e.Type}) has an empty payload.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"Event {e.Sequence} ({e.Type}, '{e.StreamId}') has an unreadable payload at byte {ex.BytePositionInLine}, line {ex.LineNumber}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs a command under the writer lock: answers a retried idempotency key from the store, otherwise decides,
    /// stores the events (with the idempotency record, atomically) and only then applies them.
    /// </summary>
    private async Task<DispatchResult<T>> RunAsync<T>(
        CallerIdentity caller, string operation, string? idempotencyKey, object request,
        Func<CommandOutcome<T>> decide, CancellationToken cancellationToken)
    {
        string scope = Scope(caller, operation);
        string? hash = null;
        if (idempotencyKey is not null)
        {
            if (InvalidKey(idempotencyKey) is { } keyError) return keyError;
            hash = Hash(request);
        }

        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (idempotencyKey is not null)
            {
                var earlier = await _store.FindIdempotencyAsync(scope, idempotencyKey, cancellationToken).ConfigureAwait(false);
                if (earlier is not null)
                    return earlier.RequestHash == hash
                        ? JsonSerializer.Deserialize<DispatchResult<T>>(earlier.Result, EventJson.Options)!
                        : new DispatchError(DispatchErrorCode.IdempotencyConflict,
                            $"Idempotency key '{idempotencyKey}' was already used for a different {operation} request.", "idempotencyKey");
            }
            return await StoreOutcomeLockedAsync(_cpu.Measure(decide), scope, idempotencyKey, hash, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    private static string Scope(CallerIdentity caller, string operation) => $"{caller.Role}:{caller.Subject}/{operation}";

    private static DispatchError? InvalidKey(string idempotencyKey) =>
        string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200
            ? DispatchError.Invalid("idempotencyKey", "The idempotency key must be 1–200 non-blank characters.")
            : null;

    /// <summary>Stores a decided outcome with its idempotency record; must be called under the writer lock.</summary>
    private async Task<DispatchResult<T>> StoreOutcomeLockedAsync<T>(
        CommandOutcome<T> outcome, string scope, string? idempotencyKey, string? hash, CancellationToken cancellationToken)
    {
        IdempotencyRecord? record = idempotencyKey is not null && outcome.Remember
            ? new IdempotencyRecord(scope, idempotencyKey, hash!, JsonSerializer.Serialize(outcome.Result, EventJson.Options))
            : null;
        if (outcome.Events.Count > 0 || record is not null)
        {
            var existing = await CommitLockedAsync(outcome.Events, record, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
                return JsonSerializer.Deserialize<DispatchResult<T>>(existing.Result, EventJson.Options)!;
        }
        return outcome.Result;
    }

    /// <summary>
    /// Stores events (and an idempotency record) and, once stored, applies them and wakes watchers. Must be
    /// called under the lock. Returns the earlier record if the key turned out to be taken already.
    /// </summary>
    private async Task<IdempotencyRecord?> CommitLockedAsync(IReadOnlyList<PendingEvent> events, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = new List<StoredEvent>(events.Count);
        using (_cpu.Measure())
        {
            foreach (var e in events)
                if (e.Stored) stored.Add(new StoredEvent(0, e.Type, e.StreamId, now, JsonSerializer.Serialize(e.Delta, EventJson.Options)));
        }
        var appended = stored.Count > 0 || record is not null
            ? await _store.AppendAsync(stored, record, cancellationToken).ConfigureAwait(false)
            : new AppendResult([], null);
        if (appended.ExistingIdempotency is { } existing) return existing;
        using (_cpu.Measure())
        {
            foreach (var e in events)
            {
                if (e.Stored) _state.Apply(e.Delta, now);
                else _state.ApplyUnstoredFix(e.Delta, now);
            }
            _planner.PlanChanged(events.Select(e => e.Delta), EngineClock.ToSeconds(now));
        }
        await AfterAppendLockedAsync(appended.Appended, CancellationToken.None).ConfigureAwait(false);
        if (now >= _nextSweep) SweepLocked();
        if (events.Count > 0) _changes.Notify();
        return null;
    }

    /// <summary>How often expired offers are dropped from memory (see <see cref="EngineState.SweepExpiredOffers"/>).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Drops expired offers; under the writer lock (or before the engine is shared).</summary>
    private void SweepLocked()
    {
        var now = _time.GetUtcNow();
        _state.SweepExpiredOffers(now);
        _quoteReplies.Forget(now);
        _nextSweep = now + SweepInterval;
    }

    /// <summary>Runs a read under the reader lock.</summary>
    private async Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _lock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _cpu.Measure(read);
        }
        finally
        {
            _lock.ExitRead();
        }
    }

    private static string Hash(object request)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), EventJson.Options);
        return Convert.ToHexString(SHA256.HashData(json));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

}
