using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Generation;

/// <summary>A school of the settings with its location found, its times parsed and its pupil count fixed.</summary>
internal sealed record ResolvedSchool(SchoolSite Site, GeoPoint Location, TimeSpan Bell, TimeSpan RequestOffset, int Pupils)
{
    /// <summary>True when the school teaches age group <paramref name="name"/> (all groups when it lists none).</summary>
    public bool Teaches(string name) =>
        Site.AgeGroups is null || Site.AgeGroups.Count == 0 || Site.AgeGroups.Contains(name, StringComparer.OrdinalIgnoreCase);
}
