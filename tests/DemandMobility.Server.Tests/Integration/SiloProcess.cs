using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DemandMobility.Contracts.V1;
using Grpc.Net.Client;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// One server in cluster mode as a separate OS process (<c>dotnet DemandMobility.Server.dll</c>) on loopback ports,
/// with its console log captured so a test can see when it listens and which service areas it activated.
/// <see cref="Kill"/> is SIGKILL: no shutdown, no goodbye to membership, sockets closed by the kernel.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Process _process;
    private GrpcChannel? _channel;

    private SiloProcess(string name, int grpcPort, Process process)
    {
        Name = name;
        GrpcPort = grpcPort;
        _process = process;
    }

    public string Name { get; }

    public int GrpcPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id (planner job records name their node as host:pid).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");

    public BookingService.BookingServiceClient Booking => new(Channel);

    public FleetService.FleetServiceClient Fleet => new(Channel);

    /// <summary>Areas whose activation this process logged (in order; an area may appear again after a move).</summary>
    public IReadOnlyList<string> ActivatedAreas => [.. _log.Select(AreaActivatedIn).OfType<string>()];

    public string Log => string.Join('\n', _log);

    /// <summary>The built server next to this test assembly (the project reference copies it with its runtime config).</summary>
    public static string ServerDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "DemandMobility.Server.dll");
            if (!File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new FileNotFoundException("DemandMobility.Server.runtimeconfig.json is not beside the test assembly; build the test project.", dll);
            return dll;
        }
    }

    /// <summary>Starts the process; <paramref name="settings"/> become <c>--key value</c> arguments.</summary>
    public static SiloProcess Start(string name, int grpcPort, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{grpcPort}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }
        // Plain console lines (no colours) so the log can be matched.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, grpcPort, process);
        process.OutputDataReceived += (_, e) => silo.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Receive(e.Data);
        process.Exited += (_, _) => silo._listening.TrySetException(new InvalidOperationException($"{name} exited before listening:\n{silo.Log}"));
        if (!process.Start()) throw new InvalidOperationException($"Could not start {name}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public Task WaitListeningAsync(CancellationToken cancellationToken) => _listening.Task.WaitAsync(cancellationToken);

    /// <summary>SIGKILL (Process.Kill on Unix), then waits until the OS reports the process gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        if (line.Contains("listening on", StringComparison.Ordinal)) _listening.TrySetResult();
    }

    private static string? AreaActivatedIn(string line)
    {
        const string marker = "Service area ";
        int at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || !line.Contains(" activated:", StringComparison.Ordinal)) return null;
        var rest = line[(at + marker.Length)..];
        int space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? rest[..space] : null;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }
}
