using DemandMobility.Routing.Profiles;
using Xunit;

namespace DemandMobility.Routing.Tests.Profiles;

public class MaxspeedParserTests
{
    [Theory]
    [InlineData("50", 50)]
    [InlineData("100", 100)]
    [InlineData("7.5", 7.5)]
    [InlineData("50 km/h", 50)]
    [InlineData("50km/h", 50)]
    [InlineData("60 kmh", 60)]
    [InlineData("30 mph", 48.28032)]
    [InlineData("20mph", 32.18688)]
    [InlineData("DE:rural", 100)]
    [InlineData("DE:urban", 50)]
    [InlineData("de:urban", 50)]
    [InlineData("DE:zone30", 30)]
    [InlineData("DE:zone:30", 30)]
    [InlineData("DE:living_street", 7)]
    [InlineData("walk", 7)]
    [InlineData("DE:bicycle_road", 30)]
    [InlineData("50;30", 30)]
    [InlineData(" 70 ", 70)]
    public void Parses_valid_values(string value, double expectedKmh)
    {
        Assert.True(MaxspeedParser.TryParse(value, out double kmh));
        Assert.Equal(expectedKmh, kmh, 4);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("DE:motorway")]
    public void No_limit_is_infinite(string value)
    {
        Assert.True(MaxspeedParser.TryParse(value, out double kmh));
        Assert.True(double.IsPositiveInfinity(kmh));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("signals")]
    [InlineData("variable")]
    [InlineData("fast")]
    [InlineData("-30")]
    [InlineData("0")]
    [InlineData("5000")]
    [InlineData("50 knots")]
    [InlineData("50,5")]
    public void Rejects_invalid_values(string? value) => Assert.False(MaxspeedParser.TryParse(value, out _));
}
