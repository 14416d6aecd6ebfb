using System.Diagnostics;
using System.Text.Json;
using DemandMobility.Rpc.Tests.TestService;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>
/// Wire compatibility with a third-party client: runs tests/interop/interop_client.js (@grpc/grpc-js) against our
/// Kestrel server and checks every call's outcome. Needs <c>tests/interop/install.sh</c> to have run; without it the
/// test is skipped, except under CI=true, where it fails.
/// </summary>
public sealed class InteropTests(SharedTestHost fixture) : IClassFixture<SharedTestHost>
{
    [InteropFact]
    public async Task Node_grpc_js_client_completes_every_call_against_our_server()
    {
        await RunAndAssertAsync($"127.0.0.1:{fixture.Host.Address.Port}");
    }

    [InteropFact]
    public async Task Node_grpc_js_client_completes_every_call_over_tls()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var host = await TestHost.StartAsync(certificate: certificate);
        var pem = Path.Combine(Path.GetTempPath(), $"rpc-interop-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        try
        {
            await RunAndAssertAsync($"127.0.0.1:{host.Address.Port}", "--tls-ca", pem, "--tls-name", "localhost");
        }
        finally
        {
            File.Delete(pem);
        }
    }

    private static async Task RunAndAssertAsync(string target, params string[] extraArguments)
    {
        if (InteropEnvironment.MissingReason is { } reason)
        {
            Assert.Fail(reason + " CI=true requires the interop test to run: call tests/interop/install.sh in .ci/run.");
        }

        var (exitCode, stdout, stderr) = await RunNodeAsync(InteropEnvironment.ScriptPath!, [target, .. extraArguments]);
        Assert.True(exitCode == 0, $"node exited with {exitCode}.\nstderr:\n{stderr}\nstdout:\n{stdout}");
        var expectTls = extraArguments.Contains("--tls-ca");
        Assert.Contains($"\"tls\": {(expectTls ? "true" : "false")}", stdout);

        try
        {
            AssertResults(stdout);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or JsonException)
        {
            Assert.Fail($"Interop output lacks an expected field ({ex.Message}):\n{stdout}");
        }
    }

    private static void AssertResults(string stdout)
    {
        using var document = JsonDocument.Parse(stdout);
        var results = document.RootElement.GetProperty("results");
        var context = "interop output:\n" + stdout;

        var unary = results.GetProperty("unary");
        Assert.True(unary.GetProperty("ok").GetBoolean(), context);
        Assert.Equal("hallo von node", unary.GetProperty("response").GetProperty("text").GetString());
        Assert.Equal("Bearer interop-token", unary.GetProperty("response").GetProperty("authorization").GetString());
        Assert.Equal("hello", unary.GetProperty("headers").GetProperty("x-server-header").GetString());
        Assert.Equal("bye", unary.GetProperty("trailers").GetProperty("x-server-trailer").GetString());

        var gzip = results.GetProperty("unaryGzip");
        Assert.True(gzip.GetProperty("ok").GetBoolean(), context);
        Assert.Equal(5000, gzip.GetProperty("response").GetProperty("textLength").GetInt32());
        Assert.True(gzip.GetProperty("response").GetProperty("allZ").GetBoolean(), context);

        var stream = results.GetProperty("serverStream");
        Assert.True(stream.GetProperty("ok").GetBoolean(), context);
        Assert.Equal([4, 3, 2, 1], stream.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("value").GetInt32()));

        var streamError = results.GetProperty("serverStreamError");
        Assert.Equal((int)StatusCode.Aborted, streamError.GetProperty("code").GetInt32());
        Assert.Equal("stopped after 2 messages", streamError.GetProperty("details").GetString());
        Assert.Equal([5, 4], streamError.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("value").GetInt32()));

        var sum = results.GetProperty("clientStream");
        Assert.True(sum.GetProperty("ok").GetBoolean(), context);
        Assert.Equal("15", sum.GetProperty("response").GetProperty("total").GetString());
        Assert.Equal(5, sum.GetProperty("response").GetProperty("count").GetInt32());

        var duplex = results.GetProperty("duplex");
        Assert.True(duplex.GetProperty("ok").GetBoolean(), context);
        Assert.Equal(["re: a", "re: b"], duplex.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("text").GetString()));

        var error = results.GetProperty("errorStatus");
        Assert.Equal((int)StatusCode.NotFound, error.GetProperty("code").GetInt32());
        Assert.Equal("Fahrt fällt aus: 100% – Ersatzverkehr 🚌", error.GetProperty("details").GetString());

        Assert.Equal((int)StatusCode.DeadlineExceeded, results.GetProperty("deadline").GetProperty("code").GetInt32());
        Assert.Equal((int)StatusCode.Unimplemented, results.GetProperty("unimplemented").GetProperty("code").GetInt32());
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string script, string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} {string.Join(' ', arguments)} did not finish within 90 s. stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Skips the interop test outside CI when Node.js or the interop packages are missing.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute()
    {
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (InteropEnvironment.MissingReason is { } reason && !isCi)
        {
            Skip = reason + " Run tests/interop/install.sh to enable this test (it is required under CI=true).";
        }
    }
}

/// <summary>Finds tests/interop from the test binaries and checks that it is installed.</summary>
internal static class InteropEnvironment
{
    public static readonly string? ScriptPath = FindScript();

    public static string? MissingReason
    {
        get
        {
            if (ScriptPath is null)
            {
                return "tests/interop/interop_client.js not found above " + AppContext.BaseDirectory + ".";
            }

            var modules = Path.Combine(Path.GetDirectoryName(ScriptPath)!, "node_modules", "@grpc", "grpc-js");
            if (!Directory.Exists(modules))
            {
                return $"Interop packages are not installed ({modules} is missing).";
            }

            return IsNodeOnPath() ? null : "The 'node' executable is not on PATH.";
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "interop_client.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsNodeOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "node")) || File.Exists(Path.Combine(p, "node.exe")));
    }
}
