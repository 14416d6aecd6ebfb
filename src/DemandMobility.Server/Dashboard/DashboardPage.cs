using System.Security.Cryptography;
using System.Text;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The single dashboard page (embedded resource <c>dashboard.html</c>, inline script and style, no external assets)
/// and the Content-Security-Policy that pins its one inline script by hash, so the browser itself refuses any other
/// script or any request to another origin.
/// </summary>
internal sealed class DashboardPage
{
    private const string ResourceName = "DemandMobility.Server.Dashboard.dashboard.html";

    private DashboardPage(byte[] html, string contentSecurityPolicy)
    {
        Html = html;
        ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>The page as UTF-8.</summary>
    public byte[] Html { get; }

    /// <summary>The policy sent with the page.</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>Loads the page from the assembly and hashes its script.</summary>
    /// <exception cref="InvalidDataException">The resource is missing or has not exactly one inline script (a build error).</exception>
    public static DashboardPage Load() => Load(ResourceName, "");

    /// <summary>Loads another embedded page (e.g. the rider app) with the same policy plus <paramref name="extraPolicy"/> directives.</summary>
    /// <exception cref="InvalidDataException">The resource is missing or has not exactly one inline script (a build error).</exception>
    public static DashboardPage Load(string resourceName, string extraPolicy)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidDataException($"Embedded resource '{resourceName}' is missing from the server assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string html = reader.ReadToEnd();
        int open = html.IndexOf("<script>", StringComparison.Ordinal);
        int close = html.IndexOf("</script>", StringComparison.Ordinal);
        if (open < 0 || close < open || html.IndexOf("<script", close, StringComparison.Ordinal) >= 0)
            throw new InvalidDataException($"'{resourceName}' must hold exactly one inline <script>.");
        string script = html[(open + "<script>".Length)..close];
        string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        string csp = $"default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
                     "base-uri 'none'; form-action 'none'; frame-ancestors 'none'" + extraPolicy;
        return new DashboardPage(Encoding.UTF8.GetBytes(html), csp);
    }
}
