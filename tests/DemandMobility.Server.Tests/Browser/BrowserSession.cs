using Microsoft.Playwright;

namespace DemandMobility.Server.Tests.Browser;

/// <summary>
/// Headless Chromium (the system package) with one page, collecting every console error and uncaught exception so
/// tests can assert a clean page, and saving screenshots under <c>artifacts/screenshots/</c> of the repository.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error") lock (_errors) _errors.Add("console: " + m.Text);
        };
        page.PageError += (_, e) =>
        {
            lock (_errors) _errors.Add("page: " + e);
        };
    }

    public IPage Page { get; }

    /// <summary>Starts Chromium; <paramref name="phone"/> gives a 390×844 touch viewport (a phone), else 1400×900.</summary>
    public static async Task<BrowserSession> StartAsync(bool phone = false)
    {
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
            throw new InvalidOperationException($"{ChromiumFactAttribute.ExecutablePath} is missing but CI=true: install Debian's chromium (see .ci/run).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(phone
            ? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "de-DE" }
            : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(playwright, browser, await context.NewPageAsync());
    }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    /// <summary>Saves the page as <c>artifacts/screenshots/&lt;name&gt;.png</c> (git-ignored; kept by CI).</summary>
    public async Task ScreenshotAsync(string name)
    {
        string dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
