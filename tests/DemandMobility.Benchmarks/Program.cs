// Benchmark harness: `dotnet run -c Release --project tests/DemandMobility.Benchmarks -- <suite> [options]`.
// Suites register themselves in BenchmarkSuites; figures go to docs/benchmarks.md.
return DemandMobility.Benchmarks.BenchmarkSuites.Run(args);
