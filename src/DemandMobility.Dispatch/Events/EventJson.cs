using System.Text.Json;
using System.Text.Json.Serialization;

namespace DemandMobility.Dispatch.Events;

/// <summary>The one JSON configuration for event payloads and idempotent replies.</summary>
internal static class EventJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // Open time windows are ±infinity.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
