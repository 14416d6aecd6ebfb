namespace DemandMobility.Routing.Pbf;

/// <summary>
/// The tags of one OSM element as parallel key/value arrays. Elements carry few tags, so lookups are a
/// linear scan, which is faster than a dictionary at these sizes and allocates nothing.
/// </summary>
public sealed class OsmTags
{
    private readonly string[] _keys;
    private readonly string[] _values;

    /// <summary>An empty tag set.</summary>
    public static readonly OsmTags Empty = new([], []);

    /// <summary>Creates tags from parallel arrays (taken over, not copied).</summary>
    public OsmTags(string[] keys, string[] values)
    {
        if (keys.Length != values.Length)
            throw new ArgumentException("Keys and values must have the same length.", nameof(values));
        _keys = keys;
        _values = values;
    }

    /// <summary>Creates tags from key/value pairs, e.g. <c>OsmTags.Of(("highway", "residential"))</c>.</summary>
    public static OsmTags Of(params (string Key, string Value)[] tags)
    {
        var keys = new string[tags.Length];
        var values = new string[tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            keys[i] = tags[i].Key;
            values[i] = tags[i].Value;
        }
        return new OsmTags(keys, values);
    }

    /// <summary>Number of tags.</summary>
    public int Count => _keys.Length;

    /// <summary>Key of tag i.</summary>
    public string KeyAt(int i) => _keys[i];

    /// <summary>Value of tag i.</summary>
    public string ValueAt(int i) => _values[i];

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    public string? this[string key]
    {
        get
        {
            for (int i = 0; i < _keys.Length; i++)
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                    return _values[i];
            return null;
        }
    }

    /// <summary>Looks up a tag value.</summary>
    public bool TryGetValue(string key, out string value)
    {
        string? v = this[key];
        value = v ?? string.Empty;
        return v is not null;
    }

    /// <summary>The tags as (key, value) pairs.</summary>
    public IEnumerable<(string Key, string Value)> Pairs()
    {
        for (int i = 0; i < _keys.Length; i++)
            yield return (_keys[i], _values[i]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(";", Pairs().Select(p => p.Key + "=" + p.Value));
}
