namespace DemandMobility.Security;

/// <summary>
/// Resolves the data folder the same way for the server and the <c>dm</c> tool, so both find the same
/// database and JWT key file.
/// </summary>
public static class DataDirectory
{
    /// <summary>Prefix of environment variables read as configuration (<c>DM_DataDirectory</c>, <c>DM_Jwt__SigningKey</c>…).</summary>
    public const string EnvironmentPrefix = "DM_";

    /// <summary>Environment variable that overrides the configured folder (ASP.NET maps it to <c>DataDirectory</c>).</summary>
    public const string EnvironmentVariable = "DM_DataDirectory";

    /// <summary>
    /// The default when nothing is configured: <c>$XDG_DATA_HOME/demandmobility</c>, else
    /// <c>~/.local/share/demandmobility</c> (the XDG base directory convention; on Windows the local app data folder).
    /// </summary>
    public static string Default
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "demandmobility");
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (!string.IsNullOrEmpty(local)) return Path.Combine(local, "demandmobility");
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "demandmobility");
        }
    }

    /// <summary>
    /// The absolute folder for an explicitly given value (command-line flag or configuration), falling back
    /// to <see cref="EnvironmentVariable"/> and then <see cref="Default"/>. A leading <c>~/</c> means the home folder.
    /// </summary>
    public static string Resolve(string? configured)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : configured;
        if (string.IsNullOrWhiteSpace(value)) return Default;
        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
            value = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value.Length > 2 ? value[2..] : "");
        return Path.GetFullPath(value);
    }
}
