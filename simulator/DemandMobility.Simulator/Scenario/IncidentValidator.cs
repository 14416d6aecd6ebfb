using System.Collections.Immutable;

namespace DemandMobility.Simulator.Scenario;

/// <summary>Checks the scenario's <c>incidents</c> list and resolves its times; every problem names <c>incidents[i].key</c> and its line.</summary>
internal static class IncidentValidator
{
    private static readonly string[] Kinds = ["breakdown", "silent"];

    /// <summary>The incidents in file order; problems are added to <paramref name="errors"/>.</summary>
    /// <param name="list">The section as read (may be default).</param>
    /// <param name="vehicleIds">Ids of the fleet's vehicles.</param>
    /// <param name="at">Resolves a local "HH:mm" on the scenario's date, adding an error naming the key when it is not a time.</param>
    /// <param name="errors">Collected problems.</param>
    /// <param name="fileText">The scenario text, for line numbers (null when built in code).</param>
    public static ImmutableArray<ScenarioIncident> Validate(ImmutableArray<IncidentSettings> list, IReadOnlyCollection<string> vehicleIds,
        Func<string, string, DateTimeOffset> at, List<string> errors, string? fileText)
    {
        if (list.IsDefaultOrEmpty) return [];
        var result = ImmutableArray.CreateBuilder<ScenarioIncident>(list.Length);
        for (int i = 0; i < list.Length; i++)
        {
            var s = list[i];
            string key = $"incidents[{i}]";
            string Where(string field) => Located($"{key}.{field}", fileText);
            if (s is null) { errors.Add($"{key}: must be an object {{\"kind\", \"vehicle\", …}}"); continue; }
            string kind = (s.Kind ?? "").Trim().ToLowerInvariant();
            bool bad = false;
            if (Array.IndexOf(Kinds, kind) < 0)
            {
                string? near = Suggest.Nearest(kind, Kinds);
                errors.Add($"{Where("kind")}: expected one of: breakdown, silent" + (near is null ? "" : $"; did you mean '{near}'?"));
                bad = true;
            }
            if (vehicleIds.Count > 0 && !vehicleIds.Contains(s.Vehicle ?? ""))
            {
                string? near = Suggest.Nearest(s.Vehicle ?? "", vehicleIds);
                errors.Add($"{Where("vehicle")}: no vehicle '{s.Vehicle}' in the fleet" + (near is null ? "" : $"; did you mean '{near}'?"));
                bad = true;
            }
            if (kind == "breakdown")
            {
                if (s.At is null) { errors.Add($"{Where("at")}: required for a breakdown (\"HH:mm\")"); continue; }
                if (s.From is not null || s.Minutes is not null) errors.Add($"{Where("kind")}: a breakdown takes 'at' only (from/minutes are for 'silent')");
                var when = at(s.At, Where("at"));
                if (!bad) result.Add(new ScenarioIncident(IncidentKind.Breakdown, s.Vehicle!, when, when));
            }
            else if (kind == "silent")
            {
                if (s.From is null) { errors.Add($"{Where("from")}: required for a silent period (\"HH:mm\")"); continue; }
                if (s.At is not null) errors.Add($"{Where("at")}: a silent period takes 'from' and 'minutes'");
                if (s.Minutes is not { } m || !(m > 0) || m > 24 * 60) { errors.Add($"{Where("minutes")}: must be 0–1440 minutes (more than 0)"); continue; }
                var from = at(s.From, Where("from"));
                if (!bad) result.Add(new ScenarioIncident(IncidentKind.Silent, s.Vehicle!, from, from.AddMinutes(m)));
            }
        }
        return result.ToImmutable();
    }

    private static string Located(string path, string? fileText) =>
        fileText is not null && JsonErrorText.LineOf(fileText, path) is { } line ? $"{path} (line {line})" : path;
}
