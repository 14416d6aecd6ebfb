using System.Diagnostics;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Finds tests/interop/dispatch_client.js and Node.js, and runs the script.</summary>
internal static class NodeInterop
{
    public static readonly string? ScriptPath = FindScript();

    /// <summary>Why the interop test cannot run here, or null when it can.</summary>
    public static string? MissingReason
    {
        get
        {
            if (ScriptPath is null) return "tests/interop/dispatch_client.js not found above " + AppContext.BaseDirectory + ".";
            var modules = Path.Combine(Path.GetDirectoryName(ScriptPath)!, "node_modules", "@grpc", "grpc-js");
            if (!Directory.Exists(modules)) return $"Interop packages are not installed ({modules} is missing).";
            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            return path.Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "node"))) ? null : "The 'node' executable is not on PATH.";
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ScriptPath)!,
        };
        start.ArgumentList.Add(ScriptPath!);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {ScriptPath} did not finish within 60 s. stderr: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "dispatch_client.js");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>Skips outside CI when Node.js or the interop packages are missing; under CI=true the test runs and fails.</summary>
public sealed class NodeInteropFactAttribute : FactAttribute
{
    public NodeInteropFactAttribute()
    {
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (NodeInterop.MissingReason is { } reason && !isCi)
            Skip = reason + " Run tests/interop/install.sh to enable this test (it is required under CI=true).";
    }
}
