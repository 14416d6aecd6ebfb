namespace DemandMobility.Server.Configuration;

/// <summary>
/// Each service area's dispatch rules: the region's <c>Dispatch</c> section with the area's <c>Rules</c> in place,
/// checked with the <c>Dispatch</c> ranges. Every problem is listed, each naming area and setting
/// (<c>Cluster:Areas:0 (west):Rules:MaxWait 05:00:00 must be between …</c>), and a key that is no rule is refused
/// (a misspelt rule would otherwise be ignored silently and the area run with the region's value).
/// </summary>
public static class AreaRulesResolver
{
    /// <summary>The rules of every area by id.</summary>
    /// <param name="cluster">The bound <c>Cluster</c> section.</param>
    /// <param name="dispatch">The region's rules (<c>Dispatch</c>); its own problems are reported by its validator.</param>
    /// <param name="configuration">The configuration root, to find keys that bind to no rule.</param>
    /// <exception cref="ArgumentException">Lists every problem.</exception>
    public static IReadOnlyDictionary<string, DispatchOptions> Resolve(ClusterOptions cluster, DispatchOptions dispatch, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var rules = new Dictionary<string, DispatchOptions>(StringComparer.Ordinal);
        for (int i = 0; i < cluster.Areas.Count; i++)
        {
            var area = cluster.Areas[i];
            string at = $"{ClusterOptions.SectionName}:Areas:{i} ({area.Id}):Rules";
            foreach (var key in configuration.GetSection($"{ClusterOptions.SectionName}:Areas:{i}:Rules").GetChildren())
                if (!AreaRulesOptions.Names.Contains(key.Key, StringComparer.OrdinalIgnoreCase))
                    errors.Add($"{at}:{key.Key} is not a dispatch rule an area can set (known: {string.Join(", ", AreaRulesOptions.Names)}).");
            var own = area.Rules.Overridden();
            var merged = area.Rules.ApplyTo(dispatch);
            errors.AddRange(DispatchOptionsValidator.Errors(merged, at, own.Contains));
            rules[area.Id] = merged;
        }
        if (errors.Count > 0) throw new ArgumentException("Invalid service area rules: " + string.Join(" ", errors));
        return rules;
    }
}
