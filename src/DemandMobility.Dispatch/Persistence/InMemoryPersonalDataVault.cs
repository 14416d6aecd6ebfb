using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DemandMobility.Dispatch.Persistence;

/// <summary>A vault in memory (tests, simulation): keys, and so the personal data they seal, end with the process.</summary>
public sealed class InMemoryPersonalDataVault : IPersonalDataVault
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public byte[]? KeyFor(string subject, bool create) =>
        create ? _keys.GetOrAdd(subject, _ => RandomNumberGenerator.GetBytes(32)) : _keys.TryGetValue(subject, out var k) ? k : null;

    /// <inheritdoc />
    public void Erase(string subject) => _keys.TryRemove(subject, out _);
}
