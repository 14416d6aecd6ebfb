using DemandMobility.Cluster.Hosting;
using Npgsql;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>The Orleans membership/reminder script on PostgreSQL (skipped without DM_TEST_POSTGRES, failing under CI=true).</summary>
public sealed class ClusterSchemaTests
{
    // Every statement the 10.4 ADO.NET clustering and reminder providers look up; a missing one stops a silo.
    private static readonly string[] ProviderKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [PostgresFact]
    public async Task Applying_the_script_twice_leaves_every_provider_statement_in_place()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        await ClusterSchema.ApplyAsync(connectionString, timeout.Token);
        await ClusterSchema.ApplyAsync(connectionString, timeout.Token);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        await using var keys = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        var present = new HashSet<string>();
        await using (var reader = await keys.ExecuteReaderAsync(timeout.Token))
            while (await reader.ReadAsync(timeout.Token)) present.Add(reader.GetString(0));
        Assert.Empty(ProviderKeys.Except(present));
    }

    [PostgresFact]
    public async Task The_defunct_silo_cleanup_removes_only_old_rows_of_silos_that_are_not_active()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        await ClusterSchema.ApplyAsync(connectionString, timeout.Token);
        string cluster = "cleanup-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        await ExecuteAsync(connection, """
            INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@c);
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES (@c, '127.0.0.1', 1, 1, 'dead-old', 'h', 6, 0, now() - interval '2 days', now() - interval '2 days'),
                   (@c, '127.0.0.1', 2, 1, 'active-old', 'h', 3, 0, now() - interval '2 days', now() - interval '2 days'),
                   (@c, '127.0.0.1', 3, 1, 'dead-recent', 'h', 6, 0, now(), now());
            """, cluster, timeout.Token);
        try
        {
            await using var text = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey'", connection);
            var cleanup = (string)(await text.ExecuteScalarAsync(timeout.Token))!;
            await using (var run = new NpgsqlCommand(cleanup, connection))
            {
                run.Parameters.AddWithValue("DeploymentId", cluster);
                run.Parameters.AddWithValue("IAmAliveTime", DateTime.UtcNow.AddDays(-1));
                await run.ExecuteNonQueryAsync(timeout.Token);
            }
            await using var left = new NpgsqlCommand("SELECT SiloName FROM OrleansMembershipTable WHERE DeploymentId = @c ORDER BY Port", connection);
            left.Parameters.AddWithValue("c", cluster);
            var names = new List<string>();
            await using (var reader = await left.ExecuteReaderAsync(timeout.Token))
                while (await reader.ReadAsync(timeout.Token)) names.Add(reader.GetString(0));
            Assert.Equal(["active-old", "dead-recent"], names);
        }
        finally
        {
            await ExecuteAsync(connection,
                "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @c; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @c;",
                cluster, CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string cluster, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", cluster);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
