using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>ASP.NET Core's data-protection keys live in the data folder, so a restart reuses them.</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task Keys_are_created_in_the_data_folder_and_reused_after_a_restart()
    {
        using var dir = new TempDirectory();
        var keys = Path.Combine(dir.Path, SecurityHostExtensions.DataProtectionKeysFolder);
        string[] first;
        await using (var server = await DispatchTestServer.StartAsync(dir.Path))
        {
            first = await KeyFilesAsync(keys);
            Assert.NotEmpty(first);
        }
        await using (var server = await DispatchTestServer.StartAsync(dir.Path))
            Assert.Equal(first, await KeyFilesAsync(keys));
    }

    /// <summary>The key ring loads in a hosted service at start; give it a moment on a busy machine.</summary>
    private static async Task<string[]> KeyFilesAsync(string folder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml").Order().ToArray() : [];
            if (files.Length > 0 || DateTime.UtcNow > deadline) return files;
            await Task.Delay(50);
        }
    }
}
