namespace DemandMobility.Optimization.Instances;

/// <summary>File helpers shared by the readers: opening with a format error instead of an I/O exception, and naming.</summary>
internal static class InstanceFile
{
    /// <summary>Opens a file for reading; a missing or unreadable file becomes an <see cref="InstanceFormatException"/> at line 0.</summary>
    public static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InstanceFormatException(path, 0, $"cannot open file: {e.Message}");
        }
    }

    /// <summary>Instance name: the file name without extension, as used in the BKS tables.</summary>
    public static string NameOf(string file) => Path.GetFileNameWithoutExtension(file);
}
