using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace DemandMobility.Simulator.Scenario;

/// <summary>
/// Turns a <see cref="JsonException"/> of a settings file into a planner's message: the key path, the line in the
/// file, what was expected ("a whole number", "one of: synthetic, csv") and, for an unknown key, the known key it
/// most resembles — never a .NET type name. Works for sections read in a second pass from a <see cref="JsonElement"/>
/// (the scenario's <c>demand</c>), whose exceptions know no line: the line is found again in the original text.
/// </summary>
internal static partial class JsonErrorText
{
    /// <summary>The message for <paramref name="e"/>.</summary>
    /// <param name="e">The exception.</param>
    /// <param name="rootType">Type deserialised at <paramref name="prefix"/> (for expected types and known keys).</param>
    /// <param name="options">The serializer options used (naming policy).</param>
    /// <param name="fileText">The whole file, to find the line; null when unknown.</param>
    /// <param name="prefix">Key path of the section within the file ("" for the root, "demand" for the demand section).</param>
    public static string Describe(JsonException e, Type rootType, JsonSerializerOptions options, string? fileText, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(e);
        string relative = Relative(e.Path);
        string message = e.Message;
        string? unknown = null;
        var unmapped = Unmapped().Match(message);
        if (unmapped.Success)
        {
            unknown = unmapped.Groups["name"].Value;
            // The exception's path may or may not end in the unknown key itself.
            if (relative == unknown || relative.EndsWith("." + unknown, StringComparison.Ordinal))
                relative = relative[..Math.Max(0, relative.Length - unknown.Length)].TrimEnd('.');
        }
        string parent = Join(prefix, relative);
        string key = unknown is null ? parent : Join(parent, unknown);
        int? line = fileText is null ? null : LineOf(fileText, key) ?? LineOf(fileText, parent);
        if (line is null && e.LineNumber is { } l && prefix.Length == 0) line = (int)l + 1;
        string where = (key.Length > 0 ? key : "(root)") + (line is { } n ? $" (line {n})" : "");

        if (unknown is not null)
        {
            var known = KnownKeys(rootType, relative, options);
            string? near = Suggest.Nearest(unknown, known);
            string hint = near is not null ? $"; did you mean '{near}'?" : known.Count > 0 ? "; known keys here: " + string.Join(", ", known.Order(StringComparer.Ordinal)) : "";
            return $"{where}: unknown key '{unknown}'{hint}";
        }
        var target = TypeAt(rootType, relative, options);
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("cannot be converted", StringComparison.Ordinal))
            return $"{where}: expected {Expected(target)}";
        if (e.InnerException is FormatException or InvalidOperationException)
            return $"{where}: expected {Expected(target)}";
        return $"{where}: {Clean(FirstSentence(message))}";
    }

    /// <summary>The 1-based line of the key at <paramref name="path"/> ("demand.school.schools[0].bell") in <paramref name="json"/>; null when not found.</summary>
    internal static int? LineOf(string json, string path)
    {
        if (path.Length == 0) return null;
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<(string Path, bool IsArray, int Next)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                string here;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        here = Join(stack.Count == 0 ? "" : stack[^1].Path, property ?? "");
                        if (here == path) return Line(bytes, reader.TokenStartIndex);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                        property = null;
                        continue;
                }
                here = ElementPath(stack, property);
                property = null;
                if (here == path) return Line(bytes, reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    stack.Add((here, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }
        catch (JsonException)
        {
            // Broken JSON is reported by the parser itself with its own line.
        }
        return null;
    }

    private static string ElementPath(List<(string Path, bool IsArray, int Next)> stack, string? property)
    {
        if (stack.Count == 0) return "";
        var parent = stack[^1];
        if (!parent.IsArray) return Join(parent.Path, property ?? "");
        stack[^1] = parent with { Next = parent.Next + 1 };
        return parent.Path + "[" + parent.Next + "]";
    }

    private static int Line(byte[] bytes, long index)
    {
        int line = 1;
        for (long i = 0; i < index && i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    private static string Relative(string? path) => path is null ? "" : path.TrimStart('$').TrimStart('.');

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : b.StartsWith('[') ? a + b : a + "." + b;

    /// <summary>The JSON property names of the object at <paramref name="path"/> below <paramref name="root"/>.</summary>
    private static IReadOnlyCollection<string> KnownKeys(Type root, string path, JsonSerializerOptions options)
    {
        var type = TypeAt(root, path, options);
        if (type is null) return [];
        var info = Info(type, options);
        return info is { Kind: JsonTypeInfoKind.Object } ? info.Properties.Select(p => p.Name).ToList() : [];
    }

    /// <summary>The .NET type the serializer reads at <paramref name="path"/> (null when it cannot tell).</summary>
    private static Type? TypeAt(Type root, string path, JsonSerializerOptions options)
    {
        Type? type = root;
        foreach (Match m in Segment().Matches(path))
        {
            if (type is null) return null;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (m.Groups["index"].Success)
            {
                type = ElementType(type);
                continue;
            }
            var info = Info(type, options);
            if (info is not { Kind: JsonTypeInfoKind.Object }) return null;
            type = info.Properties.FirstOrDefault(p => p.Name == m.Groups["name"].Value)?.PropertyType;
        }
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static JsonTypeInfo? Info(Type type, JsonSerializerOptions options)
    {
        try
        {
            return options.GetTypeInfo(type);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>What a value of <paramref name="type"/> looks like in the file.</summary>
    private static string Expected(Type? type)
    {
        if (type is null) return "another kind of value";
        if (type.IsEnum)
            return "one of: " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a text in quotes";
        if (type == typeof(JsonElement)) return "a JSON value";
        if (type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal)) return "an object of names to numbers";
        if (ElementType(type) is { } element && type != typeof(string)) return "a list [ … ] of " + Expected(element).Replace("a ", "", StringComparison.Ordinal) + "s";
        return "an object { … }";
    }

    /// <summary>The message without .NET type names (System.Int32, DemandMobility.….Settings) or the serializer's path suffix.</summary>
    private static string Clean(string message) => TypeName().Replace(message, "the expected type");

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Segment();

    [GeneratedRegex(@"'?(System|DemandMobility)(\.[A-Za-z0-9_`]+)+(\[[^\]]*\])?'?")]
    private static partial Regex TypeName();
}
