using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// A fact that needs the PostgreSQL server named by <c>DM_TEST_POSTGRES</c> (a connection string; see
/// tests/ci/postgres.sh). Without it the test is skipped with a message — except when <c>CI=true</c>,
/// where it runs and fails, so CI cannot silently skip the PostgreSQL store.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "DM_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !IsCi)
        {
            Skip = $"{EnvironmentVariable} is not set; run tests/ci/postgres.sh (as root) and export the connection string it prints.";
        }
    }

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string, or a failure explaining why CI needs it.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set but CI=true: PostgreSQL tests must run in CI. " +
            $"Call tests/ci/postgres.sh before the tests and export {EnvironmentVariable}.");
}
