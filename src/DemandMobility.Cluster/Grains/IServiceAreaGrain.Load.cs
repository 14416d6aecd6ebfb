namespace DemandMobility.Cluster.Grains;

public partial interface IServiceAreaGrain
{
    /// <summary>The area's measured load and where it lives (the balancing round, operations).</summary>
    [Alias("ReportLoad")]
    Task<AreaLoad> ReportLoadAsync();
}
