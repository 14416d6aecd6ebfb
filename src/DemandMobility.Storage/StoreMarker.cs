using System.Text.Json;

namespace DemandMobility.Storage;

/// <summary>
/// The data folder's note of which store it belongs to (<see cref="FileName"/>, JSON): written when the store is
/// created and refreshed on start, at checkpoints and on shutdown. It lets a start tell "a new installation" from
/// "the database was truncated, deleted, replaced or rolled back".
/// </summary>
/// <param name="StoreId">The id in the store's <c>dm_store</c> row.</param>
/// <param name="Location">The database file or PostgreSQL database the store lived in.</param>
/// <param name="LastSequence">The last event the folder saw in the store (a store ending earlier lost events).</param>
/// <param name="UpdatedAtUtc">When the marker was last written.</param>
public sealed record StoreMarker(string StoreId, string Location, long LastSequence, DateTimeOffset UpdatedAtUtc)
{
    /// <summary>File name inside the data folder.</summary>
    public const string FileName = "dispatch-store.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The marker in <paramref name="dataDirectory"/>, or null when there is none.</summary>
    /// <exception cref="DispatchStoreException">The file exists but is unreadable (names it).</exception>
    public static StoreMarker? Read(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path)) return null;
        try
        {
            var marker = JsonSerializer.Deserialize<StoreMarker>(File.ReadAllText(path), Json);
            if (marker is null || string.IsNullOrEmpty(marker.StoreId) || marker.LastSequence < 0)
                throw new JsonException("storeId or lastSequence is missing");
            return marker;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DispatchStoreException(
                $"The store marker '{path}' is unreadable ({ex.Message}). It records which store this data folder belongs to; " +
                "if the database next to it is the right one, delete the marker and start again (it is rewritten).", ex);
        }
    }

    /// <summary>Writes the marker atomically (temporary file, then rename), so a crash leaves the old or the new one.</summary>
    public void Write(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The marker's path in <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);
}
