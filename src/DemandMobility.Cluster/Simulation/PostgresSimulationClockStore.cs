using Npgsql;

namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// The simulated clock in our own PostgreSQL table <c>dm_simulation_clock</c>, one row per cluster service id (two
/// clusters may share a database), not in Orleans grain storage. The table is created on first use under an advisory
/// lock, so silos starting together do not race on the DDL. A save never moves the stored time back
/// (<c>GREATEST</c>), so a late write from an old activation cannot undo a newer one.
/// </summary>
public sealed class PostgresSimulationClockStore(string connectionString, string clockId) : ISimulationClockStore
{
    // Arbitrary constant: the advisory lock held while the table is created.
    private const long TableLockKey = 0x446D_436C_6F63_6B00; // "DmClock"

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS dm_simulation_clock (
            clock_id text PRIMARY KEY,
            now timestamptz NOT NULL,
            saved_at timestamptz NOT NULL DEFAULT now())
        """;

    private volatile bool _created;

    /// <inheritdoc />
    public async Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand("SELECT now FROM dm_simulation_clock WHERE clock_id = @id", connection);
        read.Parameters.AddWithValue("id", clockId);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime stored
            ? new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc))
            : null;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> SaveAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var save = new NpgsqlCommand("""
            INSERT INTO dm_simulation_clock (clock_id, now) VALUES (@id, @now)
            ON CONFLICT (clock_id) DO UPDATE SET now = GREATEST(dm_simulation_clock.now, EXCLUDED.now), saved_at = now()
            RETURNING now
            """, connection);
        save.Parameters.AddWithValue("id", clockId);
        save.Parameters.AddWithValue("now", time.ToUniversalTime());
        var stored = (DateTime)(await save.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_created)
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
                {
                    lockCommand.Parameters.AddWithValue("key", TableLockKey);
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await using (var create = new NpgsqlCommand(Ddl, connection, tx))
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
