using System.Reflection;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Npgsql;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>
/// The store contract on PostgreSQL. Each test gets its own PostgreSQL schema, dropped afterwards, so
/// tests are independent even on a shared database.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresDispatchStoreTests : DispatchStoreContractTests
{
    private readonly string _schema = "dm_test_" + Guid.NewGuid().ToString("N")[..16];
    private bool _used;

    protected override string LocationName => $"schema {_schema}";

    protected override async Task<IDispatchStore> OpenStoreAsync()
    {
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        _used = true;
        return await PostgresDispatchStore.OpenAsync(connectionString, _schema);
    }

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.RequireConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"UPDATE {_schema}.dm_schema_version SET version = {version}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        if (!_used || PostgresFactAttribute.ConnectionString is not { } connectionString) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [PostgresFact] public override Task Append_AssignsDenseSequences_AndReadReturnsThemInOrder() => base.Append_AssignsDenseSequences_AndReadReturnsThemInOrder();
    [PostgresFact] public override Task Append_RoundTripsEveryField() => base.Append_RoundTripsEveryField();
    [PostgresFact] public override Task Idempotency_SameKeyTwice_ReturnsTheStoredRecordAndAppendsNothing() => base.Idempotency_SameKeyTwice_ReturnsTheStoredRecordAndAppendsNothing();
    [PostgresFact] public override Task Idempotency_KeysAreScoped_AndUnknownKeysAreNull() => base.Idempotency_KeysAreScoped_AndUnknownKeysAreNull();
    [PostgresFact] public override Task Idempotency_RecordWithoutEvents_IsStored() => base.Idempotency_RecordWithoutEvents_IsStored();
    [PostgresFact] public override Task Append_InvalidEvent_IsRejected_AndNothingIsStored() => base.Append_InvalidEvent_IsRejected_AndNothingIsStored();
    [PostgresFact] public override Task ConcurrentAppends_KeepSequencesDenseAndBatchesContiguous() => base.ConcurrentAppends_KeepSequencesDenseAndBatchesContiguous();
    [PostgresFact] public override Task ConcurrentAppends_WithTheSameKey_AppendOnlyOnce() => base.ConcurrentAppends_WithTheSameKey_AppendOnlyOnce();
    [PostgresFact] public override Task Reopen_AfterDispose_KeepsEventsAndIdempotency_AndContinuesSequences() => base.Reopen_AfterDispose_KeepsEventsAndIdempotency_AndContinuesSequences();
    [PostgresFact] public override Task Read_AcrossManyPages_ReturnsEveryEventOnce() => base.Read_AcrossManyPages_ReturnsEveryEventOnce();
    [PostgresFact] public override Task Open_NewerSchemaVersion_FailsNamingTheStore() => base.Open_NewerSchemaVersion_FailsNamingTheStore();
    [PostgresFact] public override void Property_AnySequenceOfBatches_ReadsBackAsTheirConcatenation() => base.Property_AnySequenceOfBatches_ReadsBackAsTheirConcatenation();

    [PostgresFact]
    public async Task TwoStoreInstances_AppendConcurrently_SequencesStayDense()
    {
        // Two data sources behave like two server processes: only the advisory lock serialises them.
        await using var a = await OpenStoreAsync();
        await using var b = await OpenStoreAsync();
        async Task Write(IDispatchStore store, string name)
        {
            for (var i = 0; i < 30; i++)
                await store.AppendAsync([Event("E", $"{name}/{i}", "{}"), Event("F", $"{name}/{i}", "{}")], null, CancellationToken.None);
        }

        await Task.WhenAll(Task.Run(() => Write(a, "a")), Task.Run(() => Write(b, "b")));

        var all = await ReadAllAsync(a);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), all.Select(e => e.Sequence));
        for (var i = 0; i < all.Count; i += 2) Assert.Equal(all[i].StreamId, all[i + 1].StreamId);
    }

    [PostgresFact]
    public async Task Open_UnreachableServer_FailsNamingTheDatabase()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() =>
            PostgresDispatchStore.OpenAsync("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=3", _schema));
        Assert.Contains("127.0.0.1:1/nowhere", ex.Message);
    }

    [PostgresFact]
    public async Task Open_SchemaWithForeignDmTables_FailsAndLeavesThemUnchanged()
    {
        await using (var connection = new NpgsqlConnection(PostgresFactAttribute.RequireConnectionString()))
        {
            await connection.OpenAsync();
            _used = true;
            await using var create = new NpgsqlCommand(
                $"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.dm_events (id int); INSERT INTO {_schema}.dm_events VALUES (42);", connection);
            await create.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(OpenStoreAsync);
        Assert.Contains(LocationName, ex.Message);
        Assert.Contains("not a DemandMobility database", ex.Message);

        await using (var connection = new NpgsqlConnection(PostgresFactAttribute.RequireConnectionString()))
        {
            await connection.OpenAsync();
            await using var check = new NpgsqlCommand($"SELECT id FROM {_schema}.dm_events", connection);
            Assert.Equal(42, (int)(await check.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public void EveryContractTest_IsRedeclaredWithPostgresFact()
    {
        // Otherwise a contract test would run here with a plain [Fact] and fail on machines without PostgreSQL.
        var contract = typeof(DispatchStoreContractTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(DispatchStoreContractTests) && m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => m.Name)
            .ToList();
        var redeclared = typeof(PostgresDispatchStoreTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<PostgresFactAttribute>(inherit: false) is not null)
            .Select(m => m.Name)
            .ToHashSet();

        Assert.NotEmpty(contract);
        Assert.All(contract, name => Assert.Contains(name, redeclared));
    }
}
