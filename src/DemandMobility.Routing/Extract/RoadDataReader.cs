using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Pbf.Protos;
using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Extract;

/// <summary>
/// The extractor's single pass over a PBF file: decodes DenseNodes straight into flat arrays (no per-node
/// objects), builds tags only for nodes with one of the keys of <see cref="NodeKeys"/> (barriers, traffic
/// control, settlements), ways with a <c>highway</c> or <c>landuse</c> key and relations that are turn
/// restrictions, and applies the profile to each way.
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
            int landuseKey = IndexOf(block.Strings, "landuse");
            int typeKey = IndexOf(block.Strings, "type");
            var nodeKeys = NodeKeyIndices(block.Strings);
            foreach (var group in block.Block.Primitivegroup)
            {
                if (group.Dense is { } dense)
                    ReadDense(block, dense, nodeKeys, profile, data);
                foreach (var node in group.Nodes)
                {
                    if (HasAny(node.Keys, nodeKeys))
                        ReadNodeTags(node.Id, block.LatE7(node.Lat), block.LonE7(node.Lon), PbfReader.Tags(block, node.Keys, node.Vals), profile, data);
                    data.NodeIds.Add(node.Id);
                    data.NodeLats.Add(block.LatE7(node.Lat));
                    data.NodeLons.Add(block.LonE7(node.Lon));
                    data.OsmNodes++;
                }
                data.OsmWays += group.Ways.Count;
                if (highwayKey >= 0)
                    foreach (var way in group.Ways)
                        ReadWay(block, way, highwayKey, profile, data);
                if (landuseKey >= 0)
                    foreach (var way in group.Ways)
                        ReadLanduse(block, way, landuseKey, data);
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

    /// <summary>Node keys whose presence makes the reader build the node's tags.</summary>
    private static readonly string[] NodeKeys = ["barrier", "highway", "railway", "place", "traffic_sign"];

    private static int[] NodeKeyIndices(string[] strings)
    {
        var list = new List<int>(NodeKeys.Length);
        foreach (string key in NodeKeys)
        {
            int i = IndexOf(strings, key);
            if (i >= 0) list.Add(i);
        }
        return list.ToArray();
    }

    private static bool HasAny(Google.Protobuf.Collections.RepeatedField<uint> keys, int[] wanted)
    {
        foreach (uint k in keys)
            if (Array.IndexOf(wanted, (int)k) >= 0) return true;
        return false;
    }

    /// <summary>Records what a tagged node means for routing: a blocking barrier, traffic control, a settlement.</summary>
    private static void ReadNodeTags(long id, int latE7, int lonE7, OsmTags tags, VehicleProfile profile, RoadData data)
    {
        if (tags["barrier"] is not null && profile.IsBlockingBarrier(tags))
            data.BarrierNodes.Add(id);
        var control = tags["highway"] switch
        {
            "traffic_signals" => Graph.NodeControl.TrafficSignals,
            "stop" => Graph.NodeControl.Stop,
            "give_way" => Graph.NodeControl.GiveWay,
            _ => tags["railway"] == "level_crossing" ? Graph.NodeControl.LevelCrossing : Graph.NodeControl.None,
        };
        if (control != Graph.NodeControl.None)
            data.ControlNodes.Add((id, control));
        if (tags["place"] is { } place && BuiltUpAreas.PlaceRadiusMetres(place) > 0)
            data.Places.Add(new PlaceNode(latE7, lonE7, place));
        if (tags["traffic_sign"] is { } sign && BuiltUpAreas.IsCityLimitSign(sign))
            data.CityLimitSigns.Add((latE7, lonE7));
    }

    private static void ReadDense(PbfBlock block, DenseNodes dense, int[] nodeKeys, VehicleProfile profile, RoadData data)
    {
        int n = dense.Id.Count;
        if (dense.Lat.Count != n || dense.Lon.Count != n)
            throw block.Error($"DenseNodes has {n} ids but {dense.Lat.Count} latitudes and {dense.Lon.Count} longitudes");
        var ids = dense.Id;
        var lats = dense.Lat;
        var lons = dense.Lon;
        var kv = dense.KeysVals;
        bool scanTags = nodeKeys.Length > 0 && kv.Count > 0;
        int pos = 0;
        long id = 0, lat = 0, lon = 0;
        data.NodeIds.EnsureCapacity(data.NodeIds.Count + n);
        data.NodeLats.EnsureCapacity(data.NodeLats.Count + n);
        data.NodeLons.EnsureCapacity(data.NodeLons.Count + n);
        for (int i = 0; i < n; i++)
        {
            id += ids[i];
            lat += lats[i];
            lon += lons[i];
            int latE7 = block.LatE7(lat), lonE7 = block.LonE7(lon);
            data.NodeIds.Add(id);
            data.NodeLats.Add(latE7);
            data.NodeLons.Add(lonE7);
            if (!scanTags || pos >= kv.Count)
                continue;
            int start = pos;
            bool wanted = false;
            while (pos < kv.Count && kv[pos] != 0)
            {
                if (Array.IndexOf(nodeKeys, kv[pos]) >= 0)
                    wanted = true;
                pos += 2;
            }
            if (pos > kv.Count)
                throw block.Error("DenseNodes keys_vals ends inside a key/value pair");
            if (wanted)
            {
                int count = (pos - start) / 2;
                var keys = new string[count];
                var values = new string[count];
                for (int t = 0; t < count; t++)
                {
                    keys[t] = block.String(kv[start + 2 * t], "dense node key");
                    values[t] = block.String(kv[start + 2 * t + 1], "dense node value");
                }
                ReadNodeTags(id, latE7, lonE7, new OsmTags(keys, values), profile, data);
            }
            pos++; // the 0 delimiter
        }
        data.OsmNodes += n;
    }

    /// <summary>Closed ways with a built-up landuse (see <see cref="BuiltUpAreas.IsBuiltUpLanduse"/>) become settlement polygons.</summary>
    private static void ReadLanduse(PbfBlock block, Way way, int landuseKey, RoadData data)
    {
        int at = way.Keys.IndexOf((uint)landuseKey);
        if (at < 0 || at >= way.Vals.Count || way.Refs.Count < 4)
            return;
        if (!BuiltUpAreas.IsBuiltUpLanduse(block.String(way.Vals[at], "way landuse value")))
            return;
        long id = 0, first = 0;
        var refs = way.Refs;
        for (int i = 0; i < refs.Count; i++)
        {
            id += refs[i];
            if (i == 0) first = id;
        }
        if (id != first)
            return; // not closed: not an area
        id = 0;
        for (int i = 0; i < refs.Count; i++)
        {
            id += refs[i];
            data.LanduseRefs.Add(id);
        }
        data.LanduseRefStart.Add(data.LanduseRefs.Count);
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
        long via = 0, viaWay = 0;
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
                else if (memberType == Relation.Types.MemberType.Way)
                {
                    viaWay = memberId;
                    viaWays++;
                }
            }
        }
        if (viaWays > 0)
        {
            data.ViaWayRestrictions++;
            // Only one via way is supported (the usual case: a short connector between two junctions).
            if (viaWays != 1 || viaNodes != 0 || fromCount == 0 || toCount == 0)
            {
                data.RestrictionsInvalid++;
                return;
            }
            for (int f = 0; f < fromCount; f++)
                for (int t = 0; t < toCount; t++)
                    data.ViaWayRestrictionList.Add(new RawViaWayRestriction(from[f], viaWay, to[t], isOnly));
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
