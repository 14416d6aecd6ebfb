using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Results;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Learning travel times from the fleet: position reports feed it, stop events cut its traces.</summary>
public sealed partial class DispatchEngine
{
    /// <summary>
    /// Feeds the vehicles' fixes to <paramref name="learning"/>; the engine must have been opened on
    /// <see cref="TravelTimeLearning.Travel"/> so that re-weighted routers reach its plans.
    /// </summary>
    /// <exception cref="ArgumentException">The engine plans with another travel-time service.</exception>
    public void UseLearning(TravelTimeLearning learning)
    {
        if (!ReferenceEquals(_travel.Service, learning.Travel))
            throw new ArgumentException("The engine must be opened on TravelTimeLearning.Travel to use learned travel times.", nameof(learning));
        _context.Learning = learning;
        learning.RouterSwapped += _travel.Clear;
    }

    /// <summary>The learning this engine feeds (<see cref="UseLearning"/>), or null when it plans on fixed times.</summary>
    public TravelTimeLearning? Learning => _context.Learning;

    /// <summary>Forgets every learned travel time (dispatchers only): the profile's times answer again.</summary>
    public Task<DispatchResult<bool>> ResetLearnedTravelTimesAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (caller.Role != CallerRole.Dispatcher)
            return Task.FromResult<DispatchResult<bool>>(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers reset learned travel times."));
        if (_context.Learning is null)
            return Task.FromResult<DispatchResult<bool>>(DispatchError.Precondition("This engine does not learn travel times."));
        _context.Learning.Reset();
        return Task.FromResult(DispatchResult<bool>.Ok(true));
    }
}
