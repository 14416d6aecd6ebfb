namespace DemandMobility.Server.Transit;

/// <summary>Loads the timetable when the host starts, so that the first journey request does not pay the import.</summary>
internal sealed class TransitStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<TransitPlanning>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
