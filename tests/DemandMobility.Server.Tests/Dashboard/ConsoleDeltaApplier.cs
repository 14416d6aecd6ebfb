using System.Text.Json.Nodes;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>
/// The page's rule for a <c>delta</c> event (dashboard.html, <c>applyDelta</c>/<c>patchCards</c>) written again in C#,
/// so tests can check that a snapshot with the deltas applied equals the snapshot the server would send.
/// </summary>
internal static class ConsoleDeltaApplier
{
    /// <summary>The snapshot <paramref name="state"/> after <paramref name="delta"/>; throws when the delta does not follow it.</summary>
    public static JsonObject Apply(JsonObject state, long stateSequence, JsonObject delta)
    {
        long @base = delta["base"]!.GetValue<long>();
        if (@base != stateSequence) throw new InvalidOperationException($"Delta {delta["sequence"]} applies to {@base}, the state is at {stateSequence}.");
        var next = (JsonObject)state.DeepClone();
        next["at"] = delta["at"]!.DeepClone();
        if (delta["kpis"] is JsonObject kpis) next["kpis"] = kpis.DeepClone();
        if (delta["alerts"] is JsonArray alerts) next["alerts"] = alerts.DeepClone();
        foreach (string key in new[] { "vehicles", "bookings", "engineAlerts" })
            if (delta[key] is JsonObject changes) next[key] = Patch(next[key] as JsonArray ?? [], changes);
        return next;
    }

    private static JsonArray Patch(JsonArray list, JsonObject changes)
    {
        var byId = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var card in list)
        {
            string id = card!["id"]!.GetValue<string>();
            byId[id] = card;
            order.Add(id);
        }
        foreach (var id in changes["remove"]!.AsArray()) byId.Remove(id!.GetValue<string>());
        foreach (var card in changes["upsert"]!.AsArray()) byId[card!["id"]!.GetValue<string>()] = card;
        var ids = changes["order"] is JsonArray newOrder ? newOrder.Select(n => n!.GetValue<string>()).ToList() : order.Where(byId.ContainsKey).ToList();
        var result = new JsonArray();
        foreach (var id in ids) result.Add(byId[id].DeepClone());
        return result;
    }
}
