using DemandMobility.Rpc.Tests.Proto;

namespace DemandMobility.Rpc.Tests.TestService;

/// <summary>Method descriptors of demandmobility.rpctest.v1.TestService (what Grpc.Tools would generate).</summary>
public static class TestServiceMethods
{
    public const string ServiceName = "demandmobility.rpctest.v1.TestService";

    public static readonly Method<EchoRequest, EchoReply> Echo =
        new(MethodType.Unary, ServiceName, "Echo", EchoRequest.Parser, EchoReply.Parser);

    public static readonly Method<CountdownRequest, CountdownReply> Countdown =
        new(MethodType.ServerStreaming, ServiceName, "Countdown", CountdownRequest.Parser, CountdownReply.Parser);

    public static readonly Method<SumRequest, SumReply> Sum =
        new(MethodType.ClientStreaming, ServiceName, "Sum", SumRequest.Parser, SumReply.Parser);

    public static readonly Method<EchoRequest, EchoReply> Chat =
        new(MethodType.DuplexStreaming, ServiceName, "Chat", EchoRequest.Parser, EchoReply.Parser);
}
