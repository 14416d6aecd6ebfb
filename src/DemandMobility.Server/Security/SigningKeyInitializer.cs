using DemandMobility.Security;
using Microsoft.Extensions.Hosting;

namespace DemandMobility.Server.Security;

/// <summary>
/// Resolves the signing key when the host starts, so the key file is created on first start (and a bad key
/// stops the host at once) rather than on the first request.
/// </summary>
internal sealed class SigningKeyInitializer(SigningKeySource keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.Key;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
