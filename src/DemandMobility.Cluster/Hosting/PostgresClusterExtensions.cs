using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Cluster.Hosting;

/// <summary>Cluster membership and reminders on PostgreSQL through Orleans' ADO.NET providers.</summary>
public static class PostgresClusterExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Silo membership and reminders in the database of <paramref name="connectionString"/> (tables from
    /// <see cref="ClusterSchema"/>, which the caller applies before starting the silo), and the simulated clock in our
    /// own table there, keyed by the cluster's service id.
    /// </summary>
    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.Services.AddSingleton<Simulation.ISimulationClockStore>(sp => new Simulation.PostgresSimulationClockStore(connectionString,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId));
        return silo;
    }

    /// <summary>A client finding the cluster's gateways in the same membership table.</summary>
    public static IClientBuilder UsePostgresCluster(this IClientBuilder client, string connectionString)
    {
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        client.Services.AddDispatchSerialization();
        return client;
    }
}
