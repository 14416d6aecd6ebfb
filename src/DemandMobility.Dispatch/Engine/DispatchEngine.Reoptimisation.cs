using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// One background re-optimisation round, for the host to call periodically: solves the committed plan
    /// (as warm start) outside the lock, checks the result independently (every promise kept, riders on
    /// board stay on their vehicle, nothing dropped) and adopts it only if it is cheaper and the plan did not
    /// change meanwhile. Manifest watchers see the new plan. With <see cref="DispatchOptions.ReoptimisationHorizon"/>
    /// only the near future is re-planned (see <see cref="PlanHorizon"/>): the day's pre-bookings made every round
    /// solve the whole day (about a thousand requests, 4–11 s a round on the 5,000-request simulation); the next
    /// hour is a few hundred at most, and a far stop is re-planned in a later round once it comes within reach.
    /// A round whose plan and requests are those the last round already searched without finding anything cheaper
    /// answers <see cref="ReoptimisationStatus.Unchanged"/> without searching again (see
    /// <see cref="ReoptimisationDecider.SearchedBefore"/>): the solver spends its whole time budget each round, so a
    /// quiet area would otherwise cost a core for that budget every round, for nothing.
    /// </summary>
    public async Task<ReoptimisationResult> ReoptimiseAsync(CancellationToken cancellationToken = default)
    {
        ReoptimisationRound? round;
        await SuperviseAsync(cancellationToken).ConfigureAwait(false);
        await _lock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (_cpu.Measure()) round = _reoptimisation.Prepare(EngineClock.ToSeconds(Now));
        }
        finally
        {
            _lock.ExitRead();
        }
        if (round is null) return new ReoptimisationResult(ReoptimisationStatus.Empty, 0, 0);
        if (_reoptimisation.SearchedBefore(round)) return new ReoptimisationResult(ReoptimisationStatus.Unchanged, round.Cost, round.Cost);

        var warm = round.Planning.Current with { Cost = round.Cost };
        // One worker by default (the solver's own threads, if configured, are not on this thread's clock).
        var solution = await Task.Run(() => _cpu.Measure(() => _solve(round.Problem, warm, cancellationToken)), cancellationToken).ConfigureAwait(false);

        if (_cpu.Measure(() => _reoptimisation.Judge(round, solution)) is not { } better)
        {
            _reoptimisation.NoteSearched(round);
            return new ReoptimisationResult(ReoptimisationStatus.NotImproved, round.Cost, round.Cost); // the plan stays as it was
        }

        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.PlanVersion != round.PlanVersion) return new ReoptimisationResult(ReoptimisationStatus.Stale, round.Cost, better.Cost);
            var adopted = _cpu.Measure(() => _reoptimisation.Adopt(round, better.Schedules, better.Ends));
            await CommitLockedAsync([adopted], null, cancellationToken).ConfigureAwait(false);
            return new ReoptimisationResult(ReoptimisationStatus.Adopted, round.Cost, better.Cost);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }
}
