namespace DemandMobility.Server.Tests.Browser;

/// <summary>
/// A fact that needs Debian's Chromium at <see cref="ExecutablePath"/> (driven by Playwright; no browser is ever
/// downloaded). Without it the test is skipped with a message, except when <c>CI=true</c>: there it runs and fails,
/// so CI cannot silently skip the browser tests (.ci/run installs the package).
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"{ExecutablePath} is missing; install it with 'apt-get install -y chromium' (as root) to run the browser tests.";
    }
}
