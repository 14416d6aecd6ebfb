namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The gRPC mode cannot run: the server is unreachable, refuses the token, is not in simulation mode, or was started
/// with settings other than the scenario's. The message names the problem and the server setting to change.
/// </summary>
public sealed class GrpcGatewayException(string message, Exception? inner = null) : Exception(message, inner);
