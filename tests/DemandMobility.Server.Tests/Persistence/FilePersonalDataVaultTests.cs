using DemandMobility.Storage;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>Travellers' keys on disk: they survive a restart, erasure deletes them, a damaged key file is named.</summary>
public sealed class FilePersonalDataVaultTests
{
    [Fact]
    public void A_key_survives_a_new_vault_over_the_same_folder_and_erasure_deletes_it()
    {
        using var dir = new TempDirectory();
        var first = new FilePersonalDataVault(dir.Path);
        var key = first.KeyFor("b-1", create: true);
        Assert.NotNull(key);
        Assert.Equal(32, key!.Length);
        Assert.Null(first.KeyFor("b-2", create: false));

        var restarted = new FilePersonalDataVault(dir.Path);
        Assert.Equal(key, restarted.KeyFor("b-1", create: false));

        restarted.Erase("b-1");
        Assert.Null(restarted.KeyFor("b-1", create: false));
        Assert.Null(new FilePersonalDataVault(dir.Path).KeyFor("b-1", create: false));
        // File names are hashes: the folder reveals no booking id.
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(dir.Path, FilePersonalDataVault.FolderName)), f => f.Contains("b-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_key_file_is_refused_with_its_path()
    {
        using var dir = new TempDirectory();
        new FilePersonalDataVault(dir.Path).KeyFor("b-1", create: true);
        var file = Directory.GetFiles(Path.Combine(dir.Path, FilePersonalDataVault.FolderName)).Single();
        File.WriteAllBytes(file, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => new FilePersonalDataVault(dir.Path).KeyFor("b-1", create: false));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }
}
