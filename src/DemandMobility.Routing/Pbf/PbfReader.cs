using DemandMobility.Routing.Pbf.Protos;
using Google.Protobuf;

namespace DemandMobility.Routing.Pbf;

/// <summary>
/// Streaming reader for OpenStreetMap PBF files (OSM wiki "PBF Format"): reads and decompresses one blob at a
/// time, so memory is bounded by one block regardless of the file size. Supports raw and zlib blobs, dense
/// and plain nodes, ways and relations. Malformed or unsupported input raises <see cref="PbfFormatException"/>
/// naming the file and the byte offset of the offending blob.
/// </summary>
/// <example>
/// <code>
/// using var reader = PbfReader.Open("region.osm.pbf");
/// foreach (var element in reader.ReadElements())
///     if (element is OsmNode { Tags["place"]: not null } place) { ... }
/// </code>
/// </example>
public sealed class PbfReader : IDisposable
{
    private static readonly HashSet<string> SupportedFeatures = new(StringComparer.Ordinal) { "OsmSchema-V0.6", "DenseNodes" };

    private readonly PbfBlobReader _blobs;
    private readonly string _path;
    private bool _started;

    private PbfReader(Stream stream, string path)
    {
        _path = path;
        _blobs = new PbfBlobReader(stream, path);
        Header = ReadHeader();
    }

    /// <summary>The file's header block.</summary>
    public PbfHeader Header { get; }

    /// <summary>Opens a PBF file and reads its header. Throws <see cref="PbfFormatException"/> for a non-PBF file.</summary>
    public static PbfReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new PbfReader(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads PBF data from a stream; <paramref name="name"/> is used in error messages.</summary>
    public static PbfReader Open(Stream stream, string name) => new(stream, name);

    /// <summary>
    /// Streams all elements in file order (normally nodes, then ways, then relations). May be enumerated once.
    /// </summary>
    public IEnumerable<OsmElement> ReadElements()
    {
        foreach (var block in ReadBlocks())
        {
            foreach (var group in block.Block.Primitivegroup)
            {
                foreach (var node in group.Nodes)
                    yield return new OsmNode(node.Id, block.LatE7(node.Lat), block.LonE7(node.Lon), Tags(block, node.Keys, node.Vals));
                if (group.Dense is { } dense)
                    foreach (var node in DecodeDense(block, dense))
                        yield return node;
                foreach (var way in group.Ways)
                    yield return new OsmWay(way.Id, DecodeRefs(way.Refs), Tags(block, way.Keys, way.Vals));
                foreach (var relation in group.Relations)
                    yield return DecodeRelation(block, relation);
            }
        }
    }

    /// <summary>Streams the decoded data blocks (the extractor's fast path). May be enumerated once.</summary>
    internal IEnumerable<PbfBlock> ReadBlocks()
    {
        if (_started)
            throw new InvalidOperationException("A PbfReader streams its file once; open a new reader to read again.");
        _started = true;
        while (_blobs.TryReadNext(out string type, out var data, out long offset))
        {
            if (type != "OSMData")
            {
                if (type == "OSMHeader")
                    throw _blobs.Error(offset, "a second OSMHeader block appears inside the file");
                continue;
            }
            PrimitiveBlock block;
            try
            {
                block = PrimitiveBlock.Parser.ParseFrom(data.Span);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw _blobs.Error(offset, "OSMData block is not a valid PrimitiveBlock message (corrupt data)", ex);
            }
            yield return new PbfBlock(block, offset, _blobs);
        }
    }

    private PbfHeader ReadHeader()
    {
        if (!_blobs.TryReadNext(out string type, out var data, out long offset))
            throw _blobs.Error(0, "the file is empty");
        if (type != "OSMHeader")
            throw _blobs.Error(offset, $"the first block is '{type}', expected 'OSMHeader'");
        HeaderBlock header;
        try
        {
            header = HeaderBlock.Parser.ParseFrom(data.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw _blobs.Error(offset, "OSMHeader block is not a valid HeaderBlock message", ex);
        }
        foreach (string feature in header.RequiredFeatures)
            if (!SupportedFeatures.Contains(feature))
                throw _blobs.Error(offset, $"required feature '{feature}' is not supported");

        int? minLat = null, minLon = null, maxLat = null, maxLon = null;
        if (header.Bbox is { } box)
        {
            // HeaderBBox is in nanodegrees.
            minLat = (int)(box.Bottom / 100);
            maxLat = (int)(box.Top / 100);
            minLon = (int)(box.Left / 100);
            maxLon = (int)(box.Right / 100);
        }
        return new PbfHeader(minLat, minLon, maxLat, maxLon, header.RequiredFeatures.ToArray(),
            header.OptionalFeatures.ToArray(), header.HasWritingprogram ? header.Writingprogram : null);
    }

    private static List<OsmNode> DecodeDense(PbfBlock block, DenseNodes dense)
    {
        int n = dense.Id.Count;
        if (dense.Lat.Count != n || dense.Lon.Count != n)
            throw block.Error($"DenseNodes has {n} ids but {dense.Lat.Count} latitudes and {dense.Lon.Count} longitudes");
        var result = new List<OsmNode>(n);
        var keysVals = dense.KeysVals;
        int kv = 0;
        long id = 0, lat = 0, lon = 0;
        for (int i = 0; i < n; i++)
        {
            id += dense.Id[i];
            lat += dense.Lat[i];
            lon += dense.Lon[i];
            var tags = OsmTags.Empty;
            if (keysVals.Count > 0)
            {
                int start = kv;
                while (kv < keysVals.Count && keysVals[kv] != 0)
                    kv += 2;
                if (kv > keysVals.Count)
                    throw block.Error("DenseNodes keys_vals ends inside a key/value pair");
                int count = (kv - start) / 2;
                if (count > 0)
                {
                    var keys = new string[count];
                    var values = new string[count];
                    for (int t = 0; t < count; t++)
                    {
                        keys[t] = block.String(keysVals[start + 2 * t], "dense node key");
                        values[t] = block.String(keysVals[start + 2 * t + 1], "dense node value");
                    }
                    tags = new OsmTags(keys, values);
                }
                kv++; // the 0 delimiter
            }
            result.Add(new OsmNode(id, block.LatE7(lat), block.LonE7(lon), tags));
        }
        return result;
    }

    private static long[] DecodeRefs(Google.Protobuf.Collections.RepeatedField<long> refs)
    {
        var ids = new long[refs.Count];
        long id = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            id += refs[i];
            ids[i] = id;
        }
        return ids;
    }

    private static OsmRelation DecodeRelation(PbfBlock block, Relation relation)
    {
        int n = relation.Memids.Count;
        if (relation.RolesSid.Count != n || relation.Types_.Count != n)
            throw block.Error($"relation {relation.Id} has {n} member ids but {relation.RolesSid.Count} roles and {relation.Types_.Count} types");
        var members = new OsmMember[n];
        long id = 0;
        for (int i = 0; i < n; i++)
        {
            id += relation.Memids[i];
            var type = relation.Types_[i] switch
            {
                Relation.Types.MemberType.Node => OsmMemberType.Node,
                Relation.Types.MemberType.Way => OsmMemberType.Way,
                Relation.Types.MemberType.Relation => OsmMemberType.Relation,
                var other => throw block.Error($"relation {relation.Id} has unknown member type {(int)other}"),
            };
            members[i] = new OsmMember(type, id, block.String(relation.RolesSid[i], "relation role"));
        }
        return new OsmRelation(relation.Id, members, Tags(block, relation.Keys, relation.Vals));
    }

    internal static OsmTags Tags(PbfBlock block, Google.Protobuf.Collections.RepeatedField<uint> keys, Google.Protobuf.Collections.RepeatedField<uint> vals)
    {
        if (keys.Count != vals.Count)
            throw block.Error($"element has {keys.Count} tag keys but {vals.Count} values");
        if (keys.Count == 0)
            return OsmTags.Empty;
        var k = new string[keys.Count];
        var v = new string[keys.Count];
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = block.String(keys[i], "tag key");
            v[i] = block.String(vals[i], "tag value");
        }
        return new OsmTags(k, v);
    }

    /// <inheritdoc />
    public void Dispose() => _blobs.Dispose();
}
