namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The working lists of one insertion (<see cref="RoutePlanner.TryInsert"/>): the eligible duties, the duties the
/// prefilter kept and its travel needs. Nothing reads them after the insertion returns, so the planner pools them:
/// a quote at Sprinti scale otherwise grew two sets of about a thousand points and two lists of the fleet's duties
/// anew (a fifth of the bytes a quote allocated: 380 KiB before, 300 KiB after), and the garbage collections those
/// bytes cause land in the quote latency's tail. One insertion at a time per instance.
/// </summary>
internal sealed class QuoteScratch
{
    public List<Duty> Eligible { get; } = [];

    public List<Duty> Selected { get; } = [];

    public TravelNeeds Needs { get; } = new();
}
