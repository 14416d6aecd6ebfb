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
    /// </summary>
    public async Task<ReoptimisationResult> ReoptimiseAsync(CancellationToken cancellationToken = default)
    {
        ReoptimisationRound? round;
        await SuperviseAsync(cancellationToken).ConfigureAwait(false);
        await _lock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            round = _reoptimisation.Prepare(EngineClock.ToSeconds(Now));
        }
        finally
        {
            _lock.ExitRead();
        }
        if (round is null) return new ReoptimisationResult(ReoptimisationStatus.Empty, 0, 0);

        var warm = round.Planning.Current with { Cost = round.Cost };
        var solution = await Task.Run(() => _solve(round.Problem, warm, cancellationToken), cancellationToken).ConfigureAwait(false);

        if (_reoptimisation.Judge(round, solution) is not { } better)
            return new ReoptimisationResult(ReoptimisationStatus.NotImproved, round.Cost, round.Cost); // the plan stays as it was

        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.PlanVersion != round.PlanVersion) return new ReoptimisationResult(ReoptimisationStatus.Stale, round.Cost, better.Cost);
            var adopted = _reoptimisation.Adopt(round, better.Schedules, better.Ends, EngineClock.ToSeconds(Now));
            await CommitLockedAsync([adopted], null, cancellationToken).ConfigureAwait(false);
            return new ReoptimisationResult(ReoptimisationStatus.Adopted, round.Cost, better.Cost);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }
}
