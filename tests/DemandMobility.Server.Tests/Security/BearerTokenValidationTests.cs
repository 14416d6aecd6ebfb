using System.Text;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Security;

public sealed class BearerTokenValidationTests
{
    private static readonly CallerContext Alice = new(Roles.Rider, "alice", null);

    [Fact]
    public async Task ValidRiderToken_IsAccepted_WithRoleAndSubjectMapped()
    {
        var options = JwtTestKit.Options();
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(options, Alice));

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(Alice, outcome.Caller);
        Assert.True(outcome.Principal!.IsInRole(Roles.Rider));
        Assert.False(outcome.Principal.IsInRole(Roles.Dispatcher));
        Assert.Equal("alice", outcome.Principal.Identity!.Name);
        Assert.Equal(CallerIdentity.Rider("alice"), outcome.Caller!.ToEngineIdentity());
    }

    [Fact]
    public async Task DriverToken_CarriesTheVehicle_AndActsAsThatVehicleInTheEngine()
    {
        var options = JwtTestKit.Options();
        var driver = new CallerContext(Roles.Driver, "driver-17", "bus-1");
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(options, driver));

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(driver, outcome.Caller);
        Assert.Equal(CallerIdentity.Driver("bus-1"), outcome.Caller!.ToEngineIdentity());
    }

    [Theory]
    [InlineData(Roles.Dispatcher)]
    [InlineData(Roles.Planner)]
    [InlineData(Roles.Shop)]
    public async Task EveryStaffRole_IsMapped(string role)
    {
        var options = JwtTestKit.Options();
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(options, new CallerContext(role, "staff-1", null)));

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.True(outcome.Principal!.IsInRole(role));
        Assert.Equal(role, outcome.Caller!.Role);
    }

    [Fact]
    public async Task ExpiredToken_IsRejected()
    {
        var options = JwtTestKit.Options();
        var token = JwtTestKit.Mint(options, Alice, now: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1));
        var outcome = await JwtTestKit.ValidateAsync(options, token);

        Assert.False(outcome.Succeeded);
        Assert.Contains("expired", outcome.Error);
    }

    [Fact]
    public async Task TokenFromTheFuture_IsRejected()
    {
        var options = JwtTestKit.Options();
        var token = JwtTestKit.Mint(options, Alice, now: DateTimeOffset.UtcNow.AddHours(2));
        var outcome = await JwtTestKit.ValidateAsync(options, token);

        Assert.False(outcome.Succeeded);
        Assert.Contains("not valid yet", outcome.Error);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsRejected()
    {
        var options = JwtTestKit.Options();
        var other = JwtTestKit.Options(Convert.ToBase64String(new byte[32]));
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(other, Alice));

        Assert.False(outcome.Succeeded);
        Assert.Contains("signature", outcome.Error);
    }

    [Fact]
    public async Task TamperedPayload_IsRejected()
    {
        var options = JwtTestKit.Options();
        var parts = JwtTestKit.Mint(options, Alice).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"rider\"", "\"dispatcher\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        var outcome = await JwtTestKit.ValidateAsync(options, forged);

        Assert.False(outcome.Succeeded);
        Assert.Contains("signature", outcome.Error);
    }

    [Fact]
    public async Task WrongAudience_IsRejected()
    {
        var options = JwtTestKit.Options();
        var foreign = JwtTestKit.Options();
        foreign.Audience = "some-other-api";
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(foreign, Alice));

        Assert.False(outcome.Succeeded);
        Assert.Contains("audience", outcome.Error);
    }

    [Fact]
    public async Task WrongIssuer_IsRejected()
    {
        var options = JwtTestKit.Options();
        var foreign = JwtTestKit.Options();
        foreign.Issuer = "evil";
        var outcome = await JwtTestKit.ValidateAsync(options, JwtTestKit.Mint(foreign, Alice));

        Assert.False(outcome.Succeeded);
        Assert.Contains("issuer", outcome.Error);
    }

    [Fact]
    public async Task UnsignedAlgNoneToken_IsRejected()
    {
        var options = JwtTestKit.Options();
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray());
        var body = Base64UrlEncode(Encoding.UTF8.GetBytes(
            $"{{\"sub\":\"mallory\",\"role\":\"dispatcher\",\"iss\":\"{options.Issuer}\",\"aud\":\"{options.Audience}\",\"exp\":{exp}}}"));
        var outcome = await JwtTestKit.ValidateAsync(options, $"{header}.{body}.");

        Assert.False(outcome.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task MalformedOrEmptyToken_IsRejected(string token)
    {
        var outcome = await JwtTestKit.ValidateAsync(JwtTestKit.Options(), token);
        Assert.False(outcome.Succeeded);
        Assert.NotNull(outcome.Error);
        // A client learns what is wrong in words, never an exception type (ArgumentException before the JwtBearer move).
        Assert.DoesNotContain("Exception", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuer_RefusesUnknownRoles_AndDriversWithoutVehicle()
    {
        var options = JwtTestKit.Options();
        Assert.Throws<ArgumentException>(() => JwtTestKit.Mint(options, new CallerContext("admin", "x", null)));
        Assert.Throws<ArgumentException>(() => JwtTestKit.Mint(options, new CallerContext(Roles.Driver, "d", null)));
        Assert.Throws<ArgumentException>(() => JwtTestKit.Mint(options, Alice, lifetime: TimeSpan.Zero));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
