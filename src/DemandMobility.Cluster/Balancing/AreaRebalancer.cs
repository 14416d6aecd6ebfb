using DemandMobility.Cluster.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// Spreads the active service areas over the active silos by their load, so a silo that joins takes its share
/// instead of waiting for areas to re-activate (Orleans places a grain only when it activates, and an area's minute
/// reminder keeps it active) and a busy area does not share a silo with others while another silo idles. Runs on
/// every silo; only the oldest active silo (lowest address) acts, so the silos do not plan against each other. A
/// round does nothing while membership changes (a silo joining, leaving or declared dead since the last round), then
/// asks every area for its load and where it lives (<see cref="Grains.IServiceAreaGrain.ReportLoadAsync"/>), plans
/// with <see cref="AreaBalancePlan"/> (areas moved within <see cref="AreaRebalancingOptions.Cooldown"/> stay) and
/// moves the planned areas by grain migration (<see cref="Grains.IServiceAreaGrain.MoveToAsync"/>). Nothing is lost
/// by a move: the area snapshots on the way out and replays its PostgreSQL log on the target, and hands its open
/// offers over in the migration.
/// </summary>
/// <remarks>
/// Orleans' own activation rebalancer (<c>AddActivationRebalancer</c>, experimental) was not taken: it balances the
/// count of all activations weighted by memory and migrates random ones, which says little with a dozen heavy area
/// grains among light system ones, and rounds its moves to zero for small differences.
/// </remarks>
internal sealed partial class AreaRebalancer(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    ServiceAreaRouter router,
    AreaRebalancingOptions options,
    TimeProvider time,
    ILogger<AreaRebalancer> logger) : BackgroundService
{
    /// <summary>How long an area may take to say where it lives.</summary>
    private static readonly TimeSpan DescribeTimeout = TimeSpan.FromSeconds(5);

    private MembershipVersion? _seenVersion;

    /// <summary>When this silo last moved each area (the cooldown; a new planning silo starts without).</summary>
    private readonly Dictionary<string, DateTimeOffset> _movedAt = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RoundAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // An area moving or a silo dying mid-round: the next round looks again.
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>One round; the number of moves started.</summary>
    internal async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        bool settled = _seenVersion is { } seen && seen == snapshot.Version;
        _seenVersion = snapshot.Version;
        if (!settled) return 0;
        if (snapshot.Members.Values.Any(m => m.Status is SiloStatus.Created or SiloStatus.Joining or SiloStatus.ShuttingDown or SiloStatus.Stopping))
            return 0;
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
        if (active.Count < 2 || !active[0].Equals(local.SiloAddress)) return 0;

        var byName = active.ToDictionary(s => s.ToString(), StringComparer.Ordinal);
        var placement = new Dictionary<string, SiloAddress>(StringComparer.Ordinal);
        var loads = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var area in router.Areas.Areas)
        {
            var load = await router.Area(area.Id).ReportLoadAsync().WaitAsync(DescribeTimeout, cancellationToken).ConfigureAwait(false);
            // An area on a silo that is no longer active is moving already; the next round counts it.
            if (!byName.TryGetValue(load.Silo, out var host)) return 0;
            placement[area.Id] = host;
            loads[area.Id] = load.Weight(options.AreaBaseLoad);
        }
        var now = time.GetUtcNow();
        var pinned = _movedAt.Where(m => now - m.Value < options.Cooldown).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var moves = AreaBalancePlan.Plan(loads, placement, active, pinned, options.Tolerance, options.MaxMovesPerRound);
        foreach (var move in moves)
        {
            LogMove(logger, move.AreaId, move.From.ToString(), move.To.ToString(), loads[move.AreaId]);
            await router.Area(move.AreaId).MoveToAsync(move.To).WaitAsync(DescribeTimeout, cancellationToken).ConfigureAwait(false);
            _movedAt[move.AreaId] = now;
        }
        return moves.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Balancing the silos: service area {Area} (load {Load} ms/min) moves from {From} to {To}.")]
    private static partial void LogMove(ILogger logger, string area, string from, string to, long load);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A balancing round failed; the next round tries again.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
