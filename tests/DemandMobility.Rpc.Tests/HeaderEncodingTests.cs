using DemandMobility.Rpc.Wire;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>grpc-timeout and grpc-message encodings, and metadata validation.</summary>
public sealed class HeaderEncodingTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Timeout_units_parse(string text, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("123456789m")]
    [InlineData("-5S")]
    [InlineData("1.5S")]
    public void Malformed_timeouts_are_rejected(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Fact]
    public void Formatted_timeouts_parse_back_to_at_least_the_original_within_one_unit()
    {
        var ticks = Gen.Choose(1, int.MaxValue).SelectMany(a => Gen.Choose(0, 40).Select(shift => Math.Max(1L, ((long)a << shift) >> 10)));
        Prop.ForAll(ticks.ToArbitrary(), t =>
        {
            var original = TimeSpan.FromTicks(Math.Min(t, TimeSpan.FromDays(3650).Ticks));
            var text = GrpcTimeout.Format(original);
            var unitTicks = text[^1] switch
            {
                'u' => 10L,
                'm' => TimeSpan.TicksPerMillisecond,
                'S' => TimeSpan.TicksPerSecond,
                'M' => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
            return text.Length <= 9
                && GrpcTimeout.TryParse(text, out var parsed)
                && parsed >= original
                && parsed.Ticks - original.Ticks < unitTicks;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Status_message_encoding_matches_the_spec_example_shape()
    {
        Assert.Equal("Fahrt f%C3%A4llt aus: 100%25", StatusMessageEncoding.Encode("Fahrt fällt aus: 100%"));
        Assert.Equal("a%0Ab", StatusMessageEncoding.Encode("a\nb"));
    }

    [Fact]
    public void Status_message_round_trips_any_well_formed_string_as_printable_ascii()
    {
        var text = ArbMap.Default.ArbFor<string>().Filter(s => s is not null && IsWellFormedUtf16(s));
        Prop.ForAll(text, s =>
        {
            var wire = StatusMessageEncoding.Encode(s);
            return wire.All(c => c is >= ' ' and <= '~') && StatusMessageEncoding.Decode(wire) == s;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%41%42", "AB")]
    public void Malformed_percent_escapes_are_kept_literally(string wire, string expected)
    {
        Assert.Equal(expected, StatusMessageEncoding.Decode(wire));
    }

    [Fact]
    public void Metadata_rejects_invalid_keys_and_values_with_their_names()
    {
        var badKey = Assert.Throws<ArgumentException>(() => new Metadata().Add("x y", "v"));
        var badValue = Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "München"));
        var binaryNeedsBytes = Assert.Throws<ArgumentException>(() => new Metadata().Add("x-bin", "text"));

        Assert.Contains("x y", badKey.Message);
        Assert.Contains("x-name", badValue.Message);
        Assert.Contains("x-bin", binaryNeedsBytes.Message);
        Assert.Equal("v", new Metadata().Add("X-Name", "v").GetValue("x-name"));
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
