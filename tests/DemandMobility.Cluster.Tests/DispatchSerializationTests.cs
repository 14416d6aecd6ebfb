using DemandMobility.Cluster.Hosting;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// An area whose store fails to open throws on its silo; the caller on another silo must get that exception with
/// its message (mapped to a retryable UNAVAILABLE), not Orleans' "could not find a codec".
/// </summary>
public sealed class DispatchSerializationTests
{
    private static Serializer NewSerializer()
    {
        var services = new ServiceCollection();
        services.AddDispatchSerialization();
        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }

    [Fact]
    public void Store_exceptions_cross_the_wire_with_type_and_message()
    {
        var serializer = NewSerializer();
        var bytes = serializer.SerializeToArray<Exception>(new DispatchStoreException("The store 'area-west' is unreachable: too many connections."));
        var back = serializer.Deserialize<Exception>(bytes);
        var store = Assert.IsType<DispatchStoreException>(back);
        Assert.Equal("The store 'area-west' is unreachable: too many connections.", store.Message);
    }

    [Fact]
    public void Engine_exceptions_are_not_taken_by_the_records_json_codec()
    {
        Assert.False(DispatchSerialization.IsDispatchType(typeof(StoreIntegrityException)));
        Assert.True(DispatchSerialization.IsDispatchType(typeof(DemandMobility.Dispatch.Results.DispatchError)));
        var serializer = NewSerializer();
        var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new StoreIntegrityException(12, StoreDamage.Gap, "event 12 breaks the chain")));
        Assert.NotNull(back);
        Assert.Contains("event 12 breaks the chain", back!.Message);
    }
}
