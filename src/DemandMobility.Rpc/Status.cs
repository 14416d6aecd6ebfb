namespace DemandMobility.Rpc;

/// <summary>The outcome of a call: a status code plus a human-readable detail message.</summary>
/// <param name="StatusCode">The gRPC status code.</param>
/// <param name="Detail">The detail message (sent percent-encoded in <c>grpc-message</c>); empty when none.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The successful status.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    /// <summary>The status a call reports after the caller cancelled it.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, "");

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
