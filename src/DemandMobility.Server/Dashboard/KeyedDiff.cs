using System.Text.Json;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Turns successive lists of cards of one kind (vehicles, bookings, alerts) into <see cref="EntityChanges{T}"/>: the
/// cards added or changed, the ids removed, and the new order when it moved. Generic over the card type and compared
/// by the card's JSON, so a field added to a card later flows through without touching this code. A card that is the
/// same object as last time is taken as unchanged without serialising it (the feed keeps unchanged cards), which is
/// what keeps a push after one vehicle's fix at one card's cost instead of the whole list's.
/// </summary>
internal sealed class KeyedDiff<T>(Func<T, string> keyOf, JsonSerializerOptions json) where T : class
{
    private Dictionary<string, (T Card, byte[] Json)> _last = new(StringComparer.Ordinal);
    private List<string> _order = [];

    /// <summary>What changed since the previous call (everything on the first); null when nothing did.</summary>
    public EntityChanges<T>? Next(IReadOnlyList<T> cards)
    {
        var next = new Dictionary<string, (T Card, byte[] Json)>(cards.Count, StringComparer.Ordinal);
        var order = new List<string>(cards.Count);
        var upsert = new List<T>();
        foreach (var card in cards)
        {
            string id = keyOf(card);
            if (!next.TryAdd(id, default)) throw new ArgumentException($"Two cards share the id '{id}'.", nameof(cards));
            order.Add(id);
            if (_last.TryGetValue(id, out var before) && ReferenceEquals(before.Card, card))
            {
                next[id] = before;
                continue;
            }
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(card, json);
            next[id] = (card, bytes);
            if (before.Json is null || !before.Json.AsSpan().SequenceEqual(bytes)) upsert.Add(card);
        }
        var removed = new List<string>();
        foreach (var id in _order)
            if (!next.ContainsKey(id)) removed.Add(id);
        bool reordered = !order.SequenceEqual(_order, StringComparer.Ordinal);
        _last = next;
        _order = order;
        return upsert.Count == 0 && removed.Count == 0 && !reordered ? null : new EntityChanges<T>(upsert, removed, reordered ? order : null);
    }
}
