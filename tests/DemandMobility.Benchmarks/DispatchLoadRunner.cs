using System.Diagnostics;
using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace DemandMobility.Benchmarks;

/// <summary>Closed-loop RequestQuote load: each client loop sends its next quote when the previous one answered.</summary>
internal sealed class DispatchLoadRunner(DispatchBenchServer server, DispatchWorkload workload)
{
    /// <summary>Outcome of one run: latency percentiles, quotes per second, and how the quotes were answered.</summary>
    public sealed record RunResult(DispatchLatencySummary Latency, double QuotesPerSecond, int Offers, int Rejections, int Failures, string FailureCodes);

    private int _completed;

    /// <summary>Quotes answered so far by the running load (read by the soak sampler).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>
    /// Runs <paramref name="streams"/> concurrent loops until <paramref name="maxQuotes"/> quotes in total or
    /// <paramref name="duration"/> elapsed, whichever first. <paramref name="ratePerSecond"/> &gt; 0 paces the
    /// loops to that total rate (open schedule: a late loop does not catch up with a burst).
    /// </summary>
    public async Task<RunResult> RunAsync(int streams, int maxQuotes, TimeSpan duration, double ratePerSecond, int seed)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var booking = new BookingService.BookingServiceClient(channel);
        var token = server.Token(Roles.Rider, "bench-load");
        var perStream = new List<double>[streams];
        var counts = new int[streams * 3];
        int issued = 0;
        var failureCodes = new System.Collections.Concurrent.ConcurrentDictionary<StatusCode, int>();
        var sampleMessages = new System.Collections.Concurrent.ConcurrentDictionary<StatusCode, string>();
        var clock = Stopwatch.StartNew();
        var loops = new Task[streams];
        for (int s = 0; s < streams; s++)
        {
            int id = s;
            perStream[id] = new List<double>(Math.Min(maxQuotes, 1 << 16));
            loops[id] = Task.Run(async () =>
            {
                var rng = new Random(seed * 7919 + id);
                double interval = ratePerSecond > 0 ? streams / ratePerSecond : 0;
                double nextAt = interval * rng.NextDouble();
                while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxQuotes)
                {
                    if (interval > 0)
                    {
                        double wait = nextAt - clock.Elapsed.TotalSeconds;
                        if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait)).ConfigureAwait(false);
                        nextAt = Math.Max(nextAt + interval, clock.Elapsed.TotalSeconds);
                    }
                    var request = workload.NextMeasuredQuote(rng);
                    long t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        var response = await booking.RequestQuoteAsync(request, DispatchBenchServer.As(token)).ResponseAsync.ConfigureAwait(false);
                        counts[id * 3 + (response.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer ? 0 : 1)]++;
                    }
                    catch (RpcException e)
                    {
                        counts[id * 3 + 2]++;
                        failureCodes.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
                        sampleMessages.TryAdd(e.StatusCode, e.Status.Detail);
                    }
                    perStream[id].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    Interlocked.Increment(ref _completed);
                }
            });
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        int total = 0;
        foreach (var list in perStream) total += list.Count;
        var all = new double[total];
        int at = 0;
        foreach (var list in perStream) { list.CopyTo(all, at); at += list.Count; }
        int offers = 0, rejections = 0, failures = 0;
        for (int s = 0; s < streams; s++) { offers += counts[s * 3]; rejections += counts[s * 3 + 1]; failures += counts[s * 3 + 2]; }
        return new RunResult(DispatchLatencySummary.Of(all, total), total / seconds, offers, rejections, failures,
            string.Join(", ", failureCodes.Select(kv => $"{kv.Key} {kv.Value}, e.g. \"{sampleMessages.GetValueOrDefault(kv.Key)}\"")));
    }

    public static string Describe(RunResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Latency}; {r.QuotesPerSecond:F1} quotes/s; offers {r.Offers}, rejections {r.Rejections}, failed calls {r.Failures}{(r.Failures > 0 ? " (" + r.FailureCodes + ")" : "")}");
}
