namespace DemandMobility.Rpc;

/// <summary>The four gRPC call shapes.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,
    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,
    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,
    /// <summary>Independent request and response streams.</summary>
    DuplexStreaming,
}
