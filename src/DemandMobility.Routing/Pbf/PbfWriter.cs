using System.Buffers.Binary;
using System.IO.Compression;
using DemandMobility.Routing.Pbf.Protos;
using Google.Protobuf;

namespace DemandMobility.Routing.Pbf;

/// <summary>How <see cref="PbfWriter"/> stores blob data.</summary>
public enum PbfCompression
{
    /// <summary>zlib, as most OSM tools write (default).</summary>
    Zlib,
    /// <summary>Uncompressed (raw) blobs.</summary>
    None,
}

/// <summary>
/// Writes OSM PBF files (OSM wiki "PBF Format"): an OSMHeader block, then OSMData blocks of at most
/// <see cref="MaxEntitiesPerBlock"/> elements each, nodes as DenseNodes. Elements are written in the order
/// given; a change of element kind starts a new block. Used by the synthetic region generator and by tests
/// that draw small maps.
/// </summary>
public sealed class PbfWriter : IDisposable
{
    /// <summary>Elements per block; 8000 is what osmium and osmosis use.</summary>
    public const int MaxEntitiesPerBlock = 8000;

    private readonly Stream _stream;
    private readonly PbfCompression _compression;
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private readonly List<string> _strings = new();
    private readonly List<long> _nodeIds = new();
    private readonly List<long> _nodeLats = new();
    private readonly List<long> _nodeLons = new();
    private readonly List<int> _nodeKeysVals = new();
    private readonly List<Way> _ways = new();
    private readonly List<Relation> _relations = new();
    private bool _nodeHasTags;
    private bool _disposed;

    /// <summary>Creates (overwrites) <paramref name="path"/> and writes the header block.</summary>
    public PbfWriter(string path, PbfCompression compression = PbfCompression.Zlib, string writingProgram = "DemandMobility")
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), compression, writingProgram)
    {
    }

    /// <summary>Writes to a stream (disposed with the writer) and writes the header block.</summary>
    public PbfWriter(Stream stream, PbfCompression compression = PbfCompression.Zlib, string writingProgram = "DemandMobility")
    {
        _stream = stream;
        _compression = compression;
        var header = new HeaderBlock { Writingprogram = writingProgram };
        header.RequiredFeatures.Add("OsmSchema-V0.6");
        header.RequiredFeatures.Add("DenseNodes");
        WriteBlob("OSMHeader", header.ToByteArray());
        ResetStrings();
    }

    /// <summary>Writes a node; coordinates in 1e-7 degrees.</summary>
    public void WriteNode(long id, int latitudeE7, int longitudeE7, OsmTags tags)
    {
        if (_ways.Count > 0 || _relations.Count > 0 || _nodeIds.Count >= MaxEntitiesPerBlock)
            Flush();
        _nodeIds.Add(id);
        _nodeLats.Add(latitudeE7);
        _nodeLons.Add(longitudeE7);
        for (int i = 0; i < tags.Count; i++)
        {
            _nodeKeysVals.Add(Str(tags.KeyAt(i)));
            _nodeKeysVals.Add(Str(tags.ValueAt(i)));
            _nodeHasTags = true;
        }
        _nodeKeysVals.Add(0);
    }

    /// <summary>Writes a way with its node references.</summary>
    public void WriteWay(long id, IReadOnlyList<long> nodeIds, OsmTags tags)
    {
        if (_nodeIds.Count > 0 || _relations.Count > 0 || _ways.Count >= MaxEntitiesPerBlock)
            Flush();
        var way = new Way { Id = id };
        AddTags(tags, way.Keys, way.Vals);
        long previous = 0;
        for (int i = 0; i < nodeIds.Count; i++)
        {
            way.Refs.Add(nodeIds[i] - previous);
            previous = nodeIds[i];
        }
        _ways.Add(way);
    }

    /// <summary>Writes a relation with its members.</summary>
    public void WriteRelation(long id, IReadOnlyList<OsmMember> members, OsmTags tags)
    {
        if (_nodeIds.Count > 0 || _ways.Count > 0 || _relations.Count >= MaxEntitiesPerBlock)
            Flush();
        var relation = new Relation { Id = id };
        AddTags(tags, relation.Keys, relation.Vals);
        long previous = 0;
        foreach (var member in members)
        {
            relation.RolesSid.Add(Str(member.Role));
            relation.Memids.Add(member.Id - previous);
            previous = member.Id;
            relation.Types_.Add((Relation.Types.MemberType)(int)member.Type);
        }
        _relations.Add(relation);
    }

    /// <summary>Writes any element.</summary>
    public void Write(OsmElement element)
    {
        switch (element)
        {
            case OsmNode n: WriteNode(n.Id, n.LatitudeE7, n.LongitudeE7, n.Tags); break;
            case OsmWay w: WriteWay(w.Id, w.NodeIds, w.Tags); break;
            case OsmRelation r: WriteRelation(r.Id, r.Members, r.Tags); break;
            default: throw new ArgumentException($"Unknown element type {element.GetType().Name}.", nameof(element));
        }
    }

    private void AddTags(OsmTags tags, Google.Protobuf.Collections.RepeatedField<uint> keys, Google.Protobuf.Collections.RepeatedField<uint> vals)
    {
        for (int i = 0; i < tags.Count; i++)
        {
            keys.Add((uint)Str(tags.KeyAt(i)));
            vals.Add((uint)Str(tags.ValueAt(i)));
        }
    }

    private int Str(string s)
    {
        if (!_stringIndex.TryGetValue(s, out int index))
        {
            index = _strings.Count;
            _strings.Add(s);
            _stringIndex.Add(s, index);
        }
        return index;
    }

    private void ResetStrings()
    {
        _strings.Clear();
        _stringIndex.Clear();
        _strings.Add(string.Empty); // index 0 is the dense-node tag delimiter and must not be a real string
        _stringIndex.Add(string.Empty, 0);
    }

    /// <summary>Writes the pending elements as one block.</summary>
    private void Flush()
    {
        if (_nodeIds.Count == 0 && _ways.Count == 0 && _relations.Count == 0)
            return;
        var group = new PrimitiveGroup();
        if (_nodeIds.Count > 0)
        {
            var dense = new DenseNodes();
            long pid = 0, plat = 0, plon = 0;
            for (int i = 0; i < _nodeIds.Count; i++)
            {
                dense.Id.Add(_nodeIds[i] - pid);
                dense.Lat.Add(_nodeLats[i] - plat);
                dense.Lon.Add(_nodeLons[i] - plon);
                pid = _nodeIds[i];
                plat = _nodeLats[i];
                plon = _nodeLons[i];
            }
            if (_nodeHasTags)
                dense.KeysVals.Add(_nodeKeysVals);
            group.Dense = dense;
        }
        group.Ways.Add(_ways);
        group.Relations.Add(_relations);

        var block = new PrimitiveBlock { Stringtable = new StringTable() };
        foreach (string s in _strings)
            block.Stringtable.S.Add(ByteString.CopyFromUtf8(s));
        block.Primitivegroup.Add(group);
        WriteBlob("OSMData", block.ToByteArray());

        _nodeIds.Clear();
        _nodeLats.Clear();
        _nodeLons.Clear();
        _nodeKeysVals.Clear();
        _nodeHasTags = false;
        _ways.Clear();
        _relations.Clear();
        ResetStrings();
    }

    private void WriteBlob(string type, byte[] payload)
    {
        var blob = new Blob();
        if (_compression == PbfCompression.None)
            blob.Raw = ByteString.CopyFrom(payload);
        else
        {
            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                zlib.Write(payload);
            blob.RawSize = payload.Length;
            blob.ZlibData = ByteString.CopyFrom(compressed.GetBuffer(), 0, (int)compressed.Length);
        }
        WriteRawBlob(_stream, type, blob.ToByteArray());
    }

    /// <summary>Writes one length-prefixed BlobHeader + Blob (also used by tests to craft unusual blobs).</summary>
    internal static void WriteRawBlob(Stream stream, string type, byte[] blobBytes)
    {
        var header = new BlobHeader { Type = type, Datasize = blobBytes.Length };
        byte[] headerBytes = header.ToByteArray();
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, headerBytes.Length);
        stream.Write(prefix);
        stream.Write(headerBytes);
        stream.Write(blobBytes);
    }

    /// <summary>Writes pending elements and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Flush();
        _stream.Dispose();
    }
}
