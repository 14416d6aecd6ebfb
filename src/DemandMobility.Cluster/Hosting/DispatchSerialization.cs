using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DemandMobility.Cluster.Hosting;

/// <summary>
/// Grain calls carry the engine's own records (requests, results, views). They are serialised as JSON with the
/// options the engine uses for its idempotent replies (so every record already round-trips), instead of annotating
/// the engine's types for Orleans' own serializer.
/// </summary>
public static class DispatchSerialization
{
    /// <summary>The engine's JSON settings: string enums, ±infinity for open windows, nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Namespaces whose exceptions travel back to the caller with their type and message. Orleans serialises only
    /// exceptions of Microsoft, System and Azure types by default: an area whose store failed to open (a
    /// <c>DispatchStoreException</c>, an <c>NpgsqlException</c>) reached the caller as "could not find a codec"
    /// instead of the store's own message.
    /// </summary>
    public static readonly IReadOnlyList<string> ExceptionNamespaces = ["DemandMobility", "Npgsql"];

    /// <summary>True for the engine's and the optimiser model's records (its exceptions go through Orleans' exception codec).</summary>
    public static bool IsDispatchType(Type type) =>
        !typeof(Exception).IsAssignableFrom(type)
        && type.Namespace is { } ns && (ns.StartsWith("DemandMobility.Dispatch", StringComparison.Ordinal)
                                        || ns.StartsWith("DemandMobility.Optimization.Model", StringComparison.Ordinal));

    /// <summary>Registers the JSON codec for the engine's types and our exceptions' codec (silos and clients alike).</summary>
    public static IServiceCollection AddDispatchSerialization(this IServiceCollection services)
    {
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            foreach (var ns in ExceptionNamespaces) o.SupportedNamespacePrefixes.Add(ns);
        });
        return services.AddSerializer(builder => builder.AddJsonSerializer(IsDispatchType, IsDispatchType, options => options.Configure(codec =>
        {
            codec.SerializerOptions.NumberHandling = Options.NumberHandling;
            codec.SerializerOptions.DefaultIgnoreCondition = Options.DefaultIgnoreCondition;
            codec.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        })));
    }
}
