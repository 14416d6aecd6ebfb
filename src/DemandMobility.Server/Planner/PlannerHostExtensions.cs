using DemandMobility.Planner;
using DemandMobility.Security;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Security;
using DemandMobility.Simulator.Scenario;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Planner;

/// <summary>
/// Planner jobs on Hangfire (docs/planner.md): simulations, school-route planning and store backups. Embedded (single
/// process): Hangfire's in-memory storage with one worker, the job record in our own store in the data folder; a restart
/// marks unfinished jobs interrupted. Cluster mode: job records and report files in our own PostgreSQL tables
/// (<c>Planner:Schema</c>), Hangfire's PostgreSQL storage (schema <c>Cluster:HangfireSchema</c>, default <c>hangfire</c>, in <c>Cluster:PostgresConnectionString</c>), one worker per
/// node, so any node runs a job and a job of a crashed node is run again by another.
/// </summary>
public static class PlannerHostExtensions
{
    /// <summary>Path of the Hangfire dashboard.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>Registers the job store, Hangfire (storage chosen by mode, one worker) and the gRPC service.</summary>
    public static IHostApplicationBuilder AddPlannerJobs(this IHostApplicationBuilder builder, bool cluster)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var (pbf, graph) = RoutingHostExtensions.RoadDataPaths(sp.GetRequiredService<IOptions<RoutingOptions>>().Value, storage);
            var root = RepositoryPaths.FindRoot();
            string scenarios = root is null ? Path.Combine(storage.ResolvedDataDirectory, "scenarios") : Path.Combine(root, "simulator", "scenarios");
            return new PlannerSettings(storage.ResolvedDataDirectory, scenarios, pbf, graph);
        });
        var clusterOptions = builder.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var plannerOptions = builder.Configuration.GetSection(PlannerOptions.SectionName).Get<PlannerOptions>() ?? new PlannerOptions();
        if (cluster)
        {
            // Records and files in PostgreSQL: a job queued through one node, run on another and read through a third
            // needs no shared folder.
            plannerOptions.Validate();
            services.AddSingleton<IPlannerJobStore>(_ =>
                new PostgresPlannerJobStore(clusterOptions.PostgresConnectionString, plannerOptions.Schema, plannerOptions.MaxFileBytes));
            services.AddSingleton(_ => new StoreBackupPlan([.. clusterOptions.Areas.Select(a =>
                new StoreBackupSource(a.Id, null, clusterOptions.PostgresConnectionString, clusterOptions.AreaSchemaPrefix + a.Id, SkipWhenMissing: true))]));
        }
        else
        {
            services.AddSingleton<IPlannerJobStore>(sp =>
            {
                var store = new PlannerJobStore(sp.GetRequiredService<PlannerSettings>());
                // In-memory storage starts empty: what was queued or running before is gone and is said so in its record.
                store.MarkUnfinishedInterrupted(sp.GetRequiredService<TimeProvider>().GetUtcNow());
                return store;
            });
            services.AddSingleton(sp =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return new StoreBackupPlan([storage.Provider == StorageProvider.Postgres
                    ? new StoreBackupSource("store", null, storage.PostgresConnectionString, storage.PostgresSchema)
                    : new StoreBackupSource("store", storage.SqlitePath)]);
            });
            // Restore as a job only for the SQLite store (staged, applied at the next start); PostgreSQL: pg_restore.
            if (builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() is not { Provider: StorageProvider.Postgres })
            {
                services.AddSingleton(sp =>
                {
                    var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                    return new StoreRestorePlan(storage.ResolvedDataDirectory, storage.SqliteFileName);
                });
            }
        }
        services.AddSingleton<RunningJobs>();
        services.AddSingleton<PlannerJobs>();
        services.AddTransient<SimulationJob>();
        services.AddTransient<SchoolPlanningJob>();
        services.AddTransient<StoreBackupJob>();
        services.AddTransient<StoreRestoreJob>();
        services.AddSingleton<PlannerGrpcService>();

        // Our own JobStorage instance per host, registered before AddHangfire (which only adds JobStorage.Current,
        // a process-wide static, when none is registered): two hosts in one process never share a queue.
        if (cluster)
        {
            var cfg = clusterOptions;
            string connection = cfg.PostgresConnectionString ?? "";
            // Long polling (LISTEN/NOTIFY) starts a queued job at once instead of at the next 15 s queue poll. The sliding
            // invisibility timeout: a running node renews its claim on the job every fifth of Planner:InvisibilityTimeout,
            // so a killed node's job is fetched again by another node that long after its last renewal (without it,
            // after a fixed 30 minutes, and a job running longer than that would be run twice).
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = cfg.HangfireSchema, PrepareSchemaIfNecessary = true, EnableLongPolling = true, QueuePollInterval = TimeSpan.FromSeconds(2),
                UseSlidingInvisibilityTimeout = true, InvisibilityTimeout = plannerOptions.InvisibilityTimeout,
            };
            services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options));
        }
        else
        {
            services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        }
        // Likewise the activator: AddHangfire would reuse the process-wide JobActivator.Current once any host set it,
        // and a second host would then build jobs from the first one's (possibly disposed) services.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<Hangfire.Server.IBackgroundJobPerformer>(sp => new Hangfire.Server.BackgroundJobPerformer(
            sp.GetRequiredService<Hangfire.Common.IJobFilterProvider>(), sp.GetRequiredService<JobActivator>(), TaskScheduler.Default));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // One worker: a simulation uses a core for seconds to minutes; a second at once would slow the dispatcher.
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = 1;
            options.ServerName = PlannerNode.Name;
        });
        return builder;
    }

    /// <summary>Maps <c>PlannerService</c> and the Hangfire dashboard, both for planners and dispatchers (the dashboard read-only for planners).</summary>
    public static WebApplication MapPlannerJobs(this WebApplication app)
    {
        // Opened now, not at the first call: the PostgreSQL tables are created (or a bad database named) at start, and
        // the single-process store marks what a stopped node left unfinished before anyone reads it.
        app.Services.GetRequiredService<IPlannerJobStore>();
        app.MapGrpcService<PlannerGrpcService>().RequireAuthorization(Policies.PlannerJobs);
        app.MapHangfireDashboard(DashboardPath, new Hangfire.DashboardOptions
        {
            // Access is the endpoint's policy (bearer token); Hangfire's default filter would admit local requests only.
            Authorization = [],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Dispatcher),
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.PlannerJobs);
        return app;
    }
}
