using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Checks <see cref="StorageOptions"/> at start; messages name the setting.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
            errors.Add($"Storage:Provider '{options.Provider}' is unknown; use Sqlite or Postgres.");
        if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            errors.Add($"DataDirectory '{options.DataDirectory}' contains characters not allowed in a path.");
        if (options.Provider == StorageProvider.Sqlite &&
            (string.IsNullOrWhiteSpace(options.SqliteFileName) || options.SqliteFileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
            errors.Add($"Storage:SqliteFileName '{options.SqliteFileName}' must be a plain file name.");
        if (options.Provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                errors.Add("Storage:PostgresConnectionString is required when Storage:Provider is Postgres.");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"Storage:PostgresConnectionString is not a valid Npgsql connection string: {ex.Message}");
                }
            }

            if (!System.Text.RegularExpressions.Regex.IsMatch(options.PostgresSchema, "^[a-z_][a-z0-9_]{0,62}$"))
                errors.Add($"Storage:PostgresSchema '{options.PostgresSchema}' must match [a-z_][a-z0-9_]{{0,62}}.");
        }

        if (options.SnapshotEveryEvents < 0)
            errors.Add($"Storage:SnapshotEveryEvents must not be negative (got {options.SnapshotEveryEvents}; 0 turns snapshots off).");
        if (options.CheckpointInterval <= TimeSpan.Zero)
            errors.Add($"Storage:CheckpointInterval must be positive (got {options.CheckpointInterval}).");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
