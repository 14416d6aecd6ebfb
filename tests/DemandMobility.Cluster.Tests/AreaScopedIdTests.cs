using DemandMobility.Cluster.Areas;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Cluster.Tests;

public sealed class AreaScopedIdTests
{
    [Fact]
    public void Compose_then_parse_gives_back_area_and_local_id_for_any_local_id()
    {
        var areaIds = Gen.Elements("a", "north", "area_12", "x9");
        var property = Prop.ForAll(Arb.From(areaIds), ArbMap.Default.ArbFor<NonEmptyString>(), (area, local) =>
        {
            var scoped = AreaScopedId.Compose(area, local.Get);
            return AreaScopedId.TryParse(scoped, out var parsedArea, out var parsedLocal)
                   && parsedArea == area && parsedLocal == local.Get;
        });
        property.QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("noarea")]
    [InlineData(".local")]
    [InlineData("area.")]
    public void Ids_without_an_area_and_a_local_part_are_refused(string? id) =>
        Assert.False(AreaScopedId.TryParse(id, out _, out _));
}
