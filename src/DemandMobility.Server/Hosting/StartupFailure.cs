using DemandMobility.Storage;
using DemandMobility.Server.Persistence;
using DemandMobility.Security;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>Start-up failures that name a setting or file the operator has to fix.</summary>
public static class StartupFailure
{
    /// <summary>The operator-facing message for <paramref name="ex"/>, or null for an unexpected failure (a bug).</summary>
    public static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException o => string.Join(" ", o.Failures),
        RoadNetworkException or DefaultFleetException or DispatchStoreException or Dispatch.Persistence.StoreIntegrityException or SigningKeyException or InvalidDataException or ArgumentException or Cluster.Security.SiloTlsException => ex.Message,
        // Kestrel could not bind an endpoint (address in use, no permission): name the settings that choose them.
        IOException { Message: var m } when m.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"{m} Choose free addresses with Urls (gRPC) and Dashboard:Url (dashboard), or set Dashboard:Enabled=false.",
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ when ex.InnerException is { } inner => Describe(inner),
        _ => null,
    };
}
