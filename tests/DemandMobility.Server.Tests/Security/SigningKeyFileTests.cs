using DemandMobility.Server.Configuration;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Security;

public sealed class SigningKeyFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void KeyFile_IsCreatedOnce_WithOwnerOnlyPermissions_AndReused()
    {
        var first = new SigningKeySource(new JwtOptions(), _dir.Path);
        var key1 = first.Key.Key;
        var path = Path.Combine(_dir.Path, JwtOptions.DefaultKeyFileName);
        var content = File.ReadAllText(path);

        Assert.Equal(path, first.KeyFilePath);
        Assert.Equal(SigningKeyFile.GeneratedKeyBytes, key1.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var second = new SigningKeySource(new JwtOptions(), _dir.Path);
        Assert.Equal(key1, second.Key.Key);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void GeneratedKeys_DifferBetweenDataDirectories()
    {
        using var other = new TempDirectory();
        var a = new SigningKeySource(new JwtOptions(), _dir.Path).Key.Key;
        var b = new SigningKeySource(new JwtOptions(), other.Path).Key.Key;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ExplicitKey_WinsOverTheKeyFile_AndNoFileIsCreated()
    {
        var explicitKey = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var source = new SigningKeySource(new JwtOptions { SigningKey = Convert.ToBase64String(explicitKey) }, _dir.Path);

        Assert.Equal(explicitKey, source.Key.Key);
        Assert.True(source.UsesExplicitKey);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void TokensMintedWithTheKeyFile_AreAcceptedByAValidatorLoadingItAgain()
    {
        var options = new JwtOptions();
        var token = new TokenIssuer(options, new SigningKeySource(options, _dir.Path), TimeProvider.System)
            .Issue(new CallerContext(Roles.Rider, "alice", null), TimeSpan.FromMinutes(5));
        var outcome = JwtTestKit.ValidateAsync(options, token, _dir.Path).GetAwaiter().GetResult();
        Assert.True(outcome.Succeeded, outcome.Error);
    }

    [Theory]
    [InlineData("this is not base64 !!")]
    [InlineData("c2hvcnQ=")]
    public void InvalidKeyFile_FailsNamingTheFile_AndIsNotOverwritten(string content)
    {
        var path = Path.Combine(_dir.Path, JwtOptions.DefaultKeyFileName);
        File.WriteAllText(path, content);
        var source = new SigningKeySource(new JwtOptions(), _dir.Path);

        var ex = Assert.Throws<SigningKeyException>(() => source.Key);
        Assert.Contains(path, ex.Message);
        Assert.Equal(content, File.ReadAllText(path));
    }
}
