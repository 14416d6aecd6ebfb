namespace DemandMobility.Simulator.Demand;

/// <summary>A demand file could not be used (missing, no header, or a bad row with <c>on_error: reject</c>).</summary>
public sealed class DemandFileException : IOException
{
    /// <summary>Creates the exception; the message reads "file:line: field: problem".</summary>
    public DemandFileException(string filePath, int? line, string? field, string problem, Exception? inner = null)
        : base(Format(filePath, line, field, problem), inner)
    {
        FilePath = filePath;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The demand file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, when one row is at fault.</summary>
    public int? Line { get; }

    /// <summary>The column at fault, when one is.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? field, string problem) =>
        file + (line is { } l ? $":{l}" : "") + ": " + (field is null ? "" : field + ": ") + problem;
}
