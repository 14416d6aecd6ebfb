namespace DemandMobility.Rpc.Client;

/// <summary>Per-call settings.</summary>
/// <param name="Headers">Request metadata, e.g. <c>authorization: Bearer …</c>.</param>
/// <param name="Deadline">UTC deadline: sent as <c>grpc-timeout</c> and enforced locally (DEADLINE_EXCEEDED).</param>
/// <param name="CancellationToken">Cancels the call (RST_STREAM to the server; CANCELLED locally).</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default);
