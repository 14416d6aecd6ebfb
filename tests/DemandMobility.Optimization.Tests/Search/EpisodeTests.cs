using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Tests.Instances;
using DemandMobility.Optimization.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>Fresh-start episodes of the main phase: when they apply, and that their results stay valid and reproducible.</summary>
public class EpisodeTests
{
    private static readonly SolverTuning NoEpisodes = new() { Episodes = 0 };
    private static readonly SolverTuning ShortEpisodes = new() { Episodes = 4, EpisodeLength = 400 };

    private static Problem Darp(string name) => DarpReader.Read(BenchmarkData.Darp(name)).Problem;

    [Fact]
    public void Cold_start_with_episodes_is_valid_and_reproducible()
    {
        var p = Darp("a3-24");
        var options = new SolverOptions(TimeSpan.FromMinutes(5), 3_000, 4);
        var a = new Solver(options, ShortEpisodes).Solve(p);
        var b = new Solver(options, ShortEpisodes).Solve(p);
        var check = SolutionValidator.Validate(p, a);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective.Total, a.Cost, 6);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Routes.Length, b.Routes.Length);
    }

    [Fact]
    public void Episodes_do_not_apply_to_a_warm_start_and_cold_starts_stay_valid()
    {
        var p = Darp("a2-20");
        var options = new SolverOptions(TimeSpan.FromMinutes(5), 1_500, 2);
        // A warm start is the live plan to be improved: episodes must not apply, so the run is the same with and
        // without them (same seed, same iteration budget).
        var plan = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 50, 9)).Solve(p);
        var warmWith = new Solver(options, ShortEpisodes).Solve(p, plan);
        var warmWithout = new Solver(options, NoEpisodes).Solve(p, plan);
        Assert.Equal(warmWithout.Cost, warmWith.Cost);
        Assert.True(SolutionValidator.Validate(p, warmWith).IsValid);
        // On a cold start they apply; both runs stay valid whatever they find.
        var coldWith = new Solver(options, ShortEpisodes).Solve(p);
        var coldWithout = new Solver(options, NoEpisodes).Solve(p);
        Assert.True(SolutionValidator.Validate(p, coldWith).IsValid);
        Assert.True(SolutionValidator.Validate(p, coldWithout).IsValid);
    }
}
