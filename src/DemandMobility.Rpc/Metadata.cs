using System.Collections;

namespace DemandMobility.Rpc;

/// <summary>
/// Custom metadata of a call (request headers, response headers or trailers): an ordered list of
/// key/value entries. Keys are lower-case ASCII (<c>0-9 a-z _ - .</c>); keys ending in <c>-bin</c> carry
/// binary values, sent base64-encoded as the gRPC spec requires; other values must be printable ASCII.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>Suffix that marks a binary-valued key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a text entry.</summary>
    /// <exception cref="ArgumentException">The key or value is not valid for an HTTP/2 header.</exception>
    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; <paramref name="key"/> must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds an existing entry.</summary>
    public Metadata Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last text value under <paramref name="key"/> (case-insensitive), or null.</summary>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && !_entries[i].IsBinary)
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    /// <summary>The last binary value under <paramref name="key"/> (case-insensitive), or null.</summary>
    public byte[]? GetValueBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && _entries[i].IsBinary)
            {
                return _entries[i].ValueBytes;
            }
        }

        return null;
    }

    /// <summary>All entries under <paramref name="key"/> (case-insensitive), in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly byte[]? _bytes;

        /// <summary>Creates a text entry.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in '-bin' and needs a byte[] value.", nameof(value));
            }

            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException(
                        $"Metadata value of '{Key}' contains character U+{(int)c:X4}; text values must be printable ASCII (use a '-bin' key for other data).",
                        nameof(value));
                }
            }

            Value = value;
        }

        /// <summary>Creates a binary entry.</summary>
        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Metadata key '{Key}' has a byte[] value and must end in '-bin'.", nameof(key));
            }

            _bytes = value ?? throw new ArgumentNullException(nameof(value));
            Value = "";
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>The text value (empty for binary entries).</summary>
        public string Value { get; }

        /// <summary>The binary value; for text entries its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? System.Text.Encoding.ASCII.GetBytes(Value);

        /// <summary>True when the key ends in <c>-bin</c>.</summary>
        public bool IsBinary => Key.EndsWith(BinarySuffix, StringComparison.Ordinal);

        /// <inheritdoc />
        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {Value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' contains '{c}'; allowed are 0-9 a-z _ - .", nameof(key));
                }
            }

            return lower;
        }
    }
}
