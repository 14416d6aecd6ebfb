using DemandMobility.Server.Configuration;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Security;

/// <summary><c>dm token</c>'s minter signs with the key file the server uses.</summary>
public sealed class LocalTokenMinterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task MintedToken_IsAcceptedByTheServersValidator_OnTheSameDataDirectory()
    {
        var minted = LocalTokenMinter.Mint(new CallerContext(Roles.Driver, "d-1", "bus-3"), TimeSpan.FromHours(12), _dir.Path);

        Assert.Equal(Path.Combine(_dir.Path, JwtOptions.DefaultKeyFileName), minted.KeySource);
        var outcome = await JwtTestKit.ValidateAsync(new JwtOptions(), minted.Token, _dir.Path);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(new CallerContext(Roles.Driver, "d-1", "bus-3"), outcome.Caller);
    }

    [Fact]
    public async Task MintedToken_IsRejectedByAServerWithAnotherKey()
    {
        using var other = new TempDirectory();
        var minted = LocalTokenMinter.Mint(new CallerContext(Roles.Rider, "alice", null), TimeSpan.FromHours(1), _dir.Path);
        var outcome = await JwtTestKit.ValidateAsync(new JwtOptions(), minted.Token, other.Path);
        Assert.False(outcome.Succeeded);
    }
}
