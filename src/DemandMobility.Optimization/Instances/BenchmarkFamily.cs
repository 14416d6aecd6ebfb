namespace DemandMobility.Optimization.Instances;

/// <summary>Which benchmark set an instance comes from; decides how results are compared with the BKS.</summary>
public enum BenchmarkFamily
{
    /// <summary>Cordeau (2006) DARP, classes a and b: minimise total distance.</summary>
    Darp,
    /// <summary>Li &amp; Lim (2001) PDPTW: minimise vehicles first, then distance.</summary>
    LiLim,
}
