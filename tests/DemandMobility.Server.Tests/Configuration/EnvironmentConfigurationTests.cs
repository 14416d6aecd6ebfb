using DemandMobility.Security;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Configuration;

/// <summary>Tests that set process environment variables; not run in parallel with anything else.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class EnvironmentConfigurationTests
{
    [Fact]
    public void DM_DataDirectory_EnvironmentVariable_SetsTheDataDirectory()
    {
        using var dir = new TempDirectory();
        var previous = Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DataDirectory.EnvironmentVariable, dir.Path);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = dir.Path, Args = [] });
            builder.AddDemandMobilityConfiguration();
            using var host = builder.Build();

            var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            Assert.Equal(dir.Path, storage.ResolvedDataDirectory);
            Assert.Equal(dir.Path, DataDirectory.Resolve(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataDirectory.EnvironmentVariable, previous);
        }
    }
}
