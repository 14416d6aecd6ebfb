namespace DemandMobility.Transit.Gtfs;

/// <summary>A GTFS feed that cannot be imported; names the file, the line and the field at fault.</summary>
public sealed class GtfsFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    public GtfsFormatException(string file, long line, string? field, string problem)
        : base(line > 0 ? $"{file}:{line}{(field is null ? "" : $": field '{field}'")}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The feed file, e.g. <c>stop_times.txt</c>.</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The field (column) at fault, if any.</summary>
    public string? Field { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }
}
