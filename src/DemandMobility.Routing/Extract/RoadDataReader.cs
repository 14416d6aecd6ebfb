using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Pbf.Protos;
using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Extract;

/// <summary>
/// The extractor's single pass over a PBF file: decodes DenseNodes straight into flat arrays (no per-node
/// objects), builds tags only for ways with a <c>highway</c> key and relations that are turn restrictions,
/// and applies the profile to each way.
/// </summary>
internal static class RoadDataReader
{
    public static RoadData Read(string path, VehicleProfile profile)
    {
        var data = new RoadData();
        using var reader = PbfReader.Open(path);
        foreach (var block in reader.ReadBlocks())
        {
            int highwayKey = IndexOf(block.Strings, "highway");
            int typeKey = IndexOf(block.Strings, "type");
            int barrierKey = IndexOf(block.Strings, "barrier");
            foreach (var group in block.Block.Primitivegroup)
            {
                if (group.Dense is { } dense)
                    ReadDense(block, dense, barrierKey, profile, data);
                foreach (var node in group.Nodes)
                {
                    if (barrierKey >= 0 && node.Keys.Contains((uint)barrierKey)
                        && profile.IsBlockingBarrier(PbfReader.Tags(block, node.Keys, node.Vals)))
                        data.BarrierNodes.Add(node.Id);
                    data.NodeIds.Add(node.Id);
                    data.NodeLats.Add(block.LatE7(node.Lat));
                    data.NodeLons.Add(block.LonE7(node.Lon));
                    data.OsmNodes++;
                }
                data.OsmWays += group.Ways.Count;
                if (highwayKey >= 0)
                    foreach (var way in group.Ways)
                        ReadWay(block, way, highwayKey, profile, data);
                data.OsmRelations += group.Relations.Count;
                if (typeKey >= 0)
                    foreach (var relation in group.Relations)
                        ReadRelation(block, relation, typeKey, profile, data);
            }
        }
        return data;
    }

    private static int IndexOf(string[] strings, string s)
    {
        for (int i = 1; i < strings.Length; i++)
            if (string.Equals(strings[i], s, StringComparison.Ordinal))
                return i;
        return -1;
    }

    private static void ReadDense(PbfBlock block, DenseNodes dense, int barrierKey, VehicleProfile profile, RoadData data)
    {
        int n = dense.Id.Count;
        if (dense.Lat.Count != n || dense.Lon.Count != n)
            throw block.Error($"DenseNodes has {n} ids but {dense.Lat.Count} latitudes and {dense.Lon.Count} longitudes");
        var ids = dense.Id;
        var lats = dense.Lat;
        var lons = dense.Lon;
        long id = 0, lat = 0, lon = 0;
        data.NodeIds.EnsureCapacity(data.NodeIds.Count + n);
        data.NodeLats.EnsureCapacity(data.NodeLats.Count + n);
        data.NodeLons.EnsureCapacity(data.NodeLons.Count + n);
        for (int i = 0; i < n; i++)
        {
            id += ids[i];
            lat += lats[i];
            lon += lons[i];
            data.NodeIds.Add(id);
            data.NodeLats.Add(block.LatE7(lat));
            data.NodeLons.Add(block.LonE7(lon));
        }
        data.OsmNodes += n;
        if (barrierKey >= 0 && dense.KeysVals.Count > 0)
            ReadDenseBarriers(block, dense, barrierKey, profile, data);
    }

    /// <summary>Second, rarely productive scan of keys_vals: only nodes tagged barrier=* build tags.</summary>
    private static void ReadDenseBarriers(PbfBlock block, DenseNodes dense, int barrierKey, VehicleProfile profile, RoadData data)
    {
        var kv = dense.KeysVals;
        var ids = dense.Id;
        long id = 0;
        int pos = 0;
        for (int i = 0; i < ids.Count && pos < kv.Count; i++)
        {
            id += ids[i];
            int start = pos;
            bool isBarrier = false;
            while (pos < kv.Count && kv[pos] != 0)
            {
                if (kv[pos] == barrierKey)
                    isBarrier = true;
                pos += 2;
            }
            if (pos > kv.Count)
                throw block.Error("DenseNodes keys_vals ends inside a key/value pair");
            if (isBarrier)
            {
                int count = (pos - start) / 2;
                var keys = new string[count];
                var values = new string[count];
                for (int t = 0; t < count; t++)
                {
                    keys[t] = block.String(kv[start + 2 * t], "dense node key");
                    values[t] = block.String(kv[start + 2 * t + 1], "dense node value");
                }
                if (profile.IsBlockingBarrier(new OsmTags(keys, values)))
                    data.BarrierNodes.Add(id);
            }
            pos++; // the 0 delimiter
        }
    }

    private static void ReadWay(PbfBlock block, Way way, int highwayKey, VehicleProfile profile, RoadData data)
    {
        if (way.Refs.Count < 2 || !way.Keys.Contains((uint)highwayKey))
            return;
        var result = profile.ProcessWay(PbfReader.Tags(block, way.Keys, way.Vals));
        if (!result.IsRoutable)
            return;
        data.WayIds.Add(way.Id);
        data.WayResults.Add(result);
        long id = 0;
        var refs = way.Refs;
        for (int i = 0; i < refs.Count; i++)
        {
            id += refs[i];
            data.Refs.Add(id);
        }
        data.WayRefStart.Add(data.Refs.Count);
    }

    private static void ReadRelation(PbfBlock block, Relation relation, int typeKey, VehicleProfile profile, RoadData data)
    {
        int typeAt = relation.Keys.IndexOf((uint)typeKey);
        if (typeAt < 0 || typeAt >= relation.Vals.Count)
            return;
        string type = block.String(relation.Vals[typeAt], "relation type");
        if (!profile.RestrictionTypes.Contains(type))
            return;
        var tags = PbfReader.Tags(block, relation.Keys, relation.Vals);

        // The restriction value is in "restriction" or a vehicle-specific key such as "restriction:motorcar".
        string? value = null;
        foreach (string key in profile.RestrictionTypes)
            value ??= tags[key];
        if (value is null)
            return;
        if (tags["except"] is { } except)
            foreach (string vehicle in except.Split(';'))
                if (profile.RestrictionExceptions.Contains(vehicle.Trim()))
                    return;
        bool isOnly = value.StartsWith("only_", StringComparison.Ordinal);
        if (!isOnly && !value.StartsWith("no_", StringComparison.Ordinal))
            return;
        data.RestrictionsRead++;

        int n = relation.Memids.Count;
        if (relation.RolesSid.Count != n || relation.Types_.Count != n)
            throw block.Error($"relation {relation.Id} has {n} member ids but {relation.RolesSid.Count} roles and {relation.Types_.Count} types");
        Span<long> from = stackalloc long[4];
        Span<long> to = stackalloc long[4];
        int fromCount = 0, toCount = 0;
        long via = 0;
        int viaNodes = 0, viaWays = 0;
        long memberId = 0;
        for (int i = 0; i < n; i++)
        {
            memberId += relation.Memids[i];
            string role = block.String(relation.RolesSid[i], "relation role");
            var memberType = relation.Types_[i];
            if (role == "from" && memberType == Relation.Types.MemberType.Way && fromCount < from.Length)
                from[fromCount++] = memberId;
            else if (role == "to" && memberType == Relation.Types.MemberType.Way && toCount < to.Length)
                to[toCount++] = memberId;
            else if (role == "via")
            {
                if (memberType == Relation.Types.MemberType.Node)
                {
                    via = memberId;
                    viaNodes++;
                }
                else
                    viaWays++;
            }
        }
        if (viaWays > 0)
        {
            data.ViaWayRestrictions++;
            return;
        }
        if (viaNodes != 1 || fromCount == 0 || toCount == 0)
        {
            data.RestrictionsInvalid++;
            return;
        }
        // no_entry / no_exit may list several from or to ways; each pair is one restriction.
        for (int f = 0; f < fromCount; f++)
            for (int t = 0; t < toCount; t++)
                data.Restrictions.Add(new RawRestriction(from[f], via, to[t], isOnly));
    }
}
