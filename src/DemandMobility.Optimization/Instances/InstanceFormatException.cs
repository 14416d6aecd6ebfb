namespace DemandMobility.Optimization.Instances;

/// <summary>
/// A benchmark or BKS file does not follow its documented format. The message names the file and the
/// 1-based line number so the problem can be found without a debugger.
/// </summary>
public sealed class InstanceFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/> of <paramref name="file"/>.</summary>
    public InstanceFormatException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (as given by the caller) that is malformed.</summary>
    public string File { get; }

    /// <summary>1-based line number of the problem (0 when the file is empty or missing).</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }
}
