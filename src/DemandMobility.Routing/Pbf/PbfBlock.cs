using System.Text;
using DemandMobility.Routing.Pbf.Protos;

namespace DemandMobility.Routing.Pbf;

/// <summary>
/// One decoded OSMData block with its string table turned into .NET strings once, so every tag lookup
/// afterwards is an array index. Internal: the graph extractor walks these directly (the fast path).
/// </summary>
internal sealed class PbfBlock
{
    private readonly PbfBlobReader _owner;

    public PbfBlock(PrimitiveBlock block, long offset, PbfBlobReader owner)
    {
        Block = block;
        Offset = offset;
        _owner = owner;
        var table = block.Stringtable.S;
        Strings = new string[table.Count];
        for (int i = 0; i < Strings.Length; i++)
            Strings[i] = Encoding.UTF8.GetString(table[i].Span);
        Granularity = block.Granularity;
        LatOffset = block.LatOffset;
        LonOffset = block.LonOffset;
        if (Granularity <= 0)
            throw Error($"granularity {Granularity} must be positive");
        // The common case (granularity 100 nanodegrees, offsets multiple of 100) maps 1:1 to 1e-7 degrees.
        IsE7Exact = Granularity == 100 && LatOffset % 100 == 0 && LonOffset % 100 == 0;
    }

    public PrimitiveBlock Block { get; }

    public long Offset { get; }

    public string[] Strings { get; }

    public int Granularity { get; }

    public long LatOffset { get; }

    public long LonOffset { get; }

    public bool IsE7Exact { get; }

    public string String(long index, string what)
    {
        if ((ulong)index >= (ulong)Strings.Length)
            throw Error($"{what} string index {index} is outside the block's string table of {Strings.Length} entries");
        return Strings[index];
    }

    public int LatE7(long raw) => ToE7(raw, LatOffset, 900_000_000, "latitude");

    public int LonE7(long raw) => ToE7(raw, LonOffset, 1_800_000_000, "longitude");

    private int ToE7(long raw, long offset, long limit, string what)
    {
        long e7;
        if (IsE7Exact)
            e7 = raw + offset / 100;
        else
        {
            long nano = offset + Granularity * raw;
            e7 = (long)Math.Round(nano / 100.0);
        }
        if (e7 < -limit || e7 > limit)
            throw Error($"{what} {e7 * 1e-7:F7} is out of range");
        return (int)e7;
    }

    public PbfFormatException Error(string problem, Exception? inner = null) => _owner.Error(Offset, problem, inner);
}
