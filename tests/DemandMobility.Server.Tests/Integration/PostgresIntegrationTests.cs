using DemandMobility.Server.Tests.Persistence;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// The host on the PostgreSQL store (DM_TEST_POSTGRES; skipped without it unless CI=true), running the same
/// scenarios as the SQLite tests; each test gets its own schema.
/// </summary>
public sealed class PostgresIntegrationTests
{
    private static Dictionary<string, string?> Postgres() => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:PostgresConnectionString"] = PostgresFactAttribute.RequireConnectionString(),
        ["Storage:PostgresSchema"] = "dm_it_" + Guid.NewGuid().ToString("N")[..12],
    };

    [PostgresFact]
    public async Task Booking_and_restart_work_on_postgres()
    {
        using var dir = new TempDirectory();
        await RestartScenario.RunAsync(dir.Path, Postgres());
    }

    [PostgresFact]
    public Task Complete_trip_on_postgres() => BookingScenarios.CompleteTripAsync(Postgres());

    [PostgresFact]
    public Task Cancel_on_postgres() => BookingScenarios.CancelAsync(Postgres());

    [PostgresFact]
    public Task Watch_cancelled_by_client_on_postgres() => BookingScenarios.WatchCancelledByClientAsync(Postgres());

    [PostgresFact]
    public Task Idempotent_retries_on_postgres() => IdempotencyScenario.RunAsync(Postgres());
}
