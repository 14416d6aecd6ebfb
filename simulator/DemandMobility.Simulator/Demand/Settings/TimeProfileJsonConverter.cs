using System.Text.Json;
using System.Text.Json.Serialization;

namespace DemandMobility.Simulator.Demand;

/// <summary>Reads a <see cref="TimeProfile"/> from a name or from <c>[[hour, weight], …]</c>; writes it back the same way.</summary>
public sealed class TimeProfileJsonConverter : JsonConverter<TimeProfile>
{
    /// <inheritdoc />
    public override TimeProfile Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string name = reader.GetString()!;
            return TimeProfile.Named(name)
                ?? throw new JsonException($"time_profile: unknown profile \"{name}\"; known: {string.Join(", ", TimeProfile.Names)}, or a list of [hour, weight] pairs.");
        }
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("time_profile: expected a profile name or a list of [hour, weight] pairs.");

        var pairs = new List<(int, double)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException($"time_profile: entry {pairs.Count + 1} must be a pair [hour, weight].");
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int hour))
                throw new JsonException($"time_profile: entry {pairs.Count + 1}: the hour must be a whole number.");
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
                throw new JsonException($"time_profile: entry {pairs.Count + 1}: the weight must be a number.");
            double weight = reader.GetDouble();
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                throw new JsonException($"time_profile: entry {pairs.Count + 1} must have exactly two numbers.");
            pairs.Add((hour, weight));
        }
        try
        {
            return TimeProfile.FromPairs(null, pairs);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeProfile value, JsonSerializerOptions options)
    {
        if (value.Name is not null)
        {
            writer.WriteStringValue(value.Name);
            return;
        }
        writer.WriteStartArray();
        for (int h = 0; h < 24; h++)
        {
            if (value.HourWeights[h] <= 0)
                continue;
            writer.WriteStartArray();
            writer.WriteNumberValue(h);
            writer.WriteNumberValue(value.HourWeights[h]);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
