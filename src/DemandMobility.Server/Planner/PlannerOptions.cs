using DemandMobility.Planner;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Planner;

/// <summary>Planner job settings of cluster mode (section <c>Planner</c>); the single-process default keeps jobs in the data folder.</summary>
public sealed class PlannerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Planner";

    /// <summary>PostgreSQL schema of the job records, inputs and report files (in <c>Cluster:PostgresConnectionString</c>).</summary>
    public string Schema { get; set; } = "planner";

    /// <summary>Largest report file kept in PostgreSQL (bytes); a larger one fails its job naming the file and this setting.</summary>
    public long MaxFileBytes { get; set; } = PostgresPlannerJobStore.DefaultMaxFileBytes;

    /// <summary>
    /// <c>Planner:InvisibilityTimeout</c>: how long a running job's node may stay silent before another node runs the job
    /// again (Hangfire.PostgreSql's sliding invisibility timeout: the running node renews its claim every fifth of it).
    /// Shorter re-runs a killed node's job sooner, but a node stalled longer than this (a paused VM, a database outage)
    /// has its job run a second time beside it.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = DefaultInvisibilityTimeout;

    /// <summary>Five minutes.</summary>
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Checks the settings before anything connects.</summary>
    /// <exception cref="OptionsValidationException">A bad value; the message names the key.</exception>
    public void Validate()
    {
        var failures = new List<string>();
        try
        {
            PlannerSchema.Check(Schema);
        }
        catch (ArgumentException e)
        {
            failures.Add($"{SectionName}:Schema: {e.Message}");
        }
        if (MaxFileBytes is < 1 or > PostgresPlannerJobStore.LimitMaxFileBytes)
            failures.Add(System.FormattableString.Invariant(
                $"{SectionName}:MaxFileBytes: {MaxFileBytes} must be between 1 and {PostgresPlannerJobStore.LimitMaxFileBytes} (bytes of one report file)."));
        if (InvisibilityTimeout < TimeSpan.FromSeconds(5) || InvisibilityTimeout > TimeSpan.FromHours(24))
            failures.Add(System.FormattableString.Invariant(
                $"{SectionName}:InvisibilityTimeout: {InvisibilityTimeout} must be between 00:00:05 and 1.00:00:00 (how long a silent node keeps its running job)."));
        if (failures.Count > 0) throw new OptionsValidationException(SectionName, typeof(PlannerOptions), failures);
    }
}
