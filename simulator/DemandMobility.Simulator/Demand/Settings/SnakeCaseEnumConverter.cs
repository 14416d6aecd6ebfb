using System.Text.Json;
using System.Text.Json.Serialization;

namespace DemandMobility.Simulator.Demand;

/// <summary>Reads and writes an enum as a snake_case string, so scenario files need no converter options.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Creates the converter (snake_case names, no integer values).</summary>
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
