namespace DemandMobility.Benchmarks.Cluster;

/// <summary>The settings every benchmark silo process starts with: its own data folder, cluster id and schemas on the shared database.</summary>
internal static class ClusterSiloSettings
{
    public static Dictionary<string, string> Base(string id, string data, string graph, string pbf, string postgres) => new()
    {
        ["DataDirectory"] = data,
        ["Routing:GraphFile"] = graph,
        ["Routing:PbfPath"] = pbf,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:DemandMobility"] = "Information",
        // Each area's round (status, wall and CPU time): the idle phase's breakdown reads it.
        ["Logging:LogLevel:DemandMobility.Cluster.Grains.ServiceAreaGrain"] = "Debug",
        ["Cluster:Enabled"] = "true",
        ["Cluster:PostgresConnectionString"] = postgres,
        ["Cluster:ClusterId"] = id,
        ["Cluster:ServiceId"] = id,
        ["Cluster:AreaSchemaPrefix"] = id + "_",
        ["Cluster:HangfireSchema"] = id + "_hangfire",
        // The console on a port of its own choosing: gRPC port + 80 may be taken on a busy machine.
        ["Dashboard:Url"] = "http://127.0.0.1:0",
    };
}
