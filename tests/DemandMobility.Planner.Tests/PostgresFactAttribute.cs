namespace DemandMobility.Planner.Tests;

/// <summary>
/// A fact that needs the PostgreSQL server named by <c>DM_TEST_POSTGRES</c> (see tests/ci/postgres.sh); skipped without
/// it, except when <c>CI=true</c>, where it runs and fails, so CI cannot silently skip the PostgreSQL job store.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !IsCi) Skip = "DM_TEST_POSTGRES is not set; run tests/ci/postgres.sh (as root) and export the connection string it prints.";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("DM_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException("DM_TEST_POSTGRES is not set but CI=true: PostgreSQL tests must run in CI.");
}
