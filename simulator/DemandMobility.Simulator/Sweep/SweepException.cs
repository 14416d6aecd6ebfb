namespace DemandMobility.Simulator.Sweep;

/// <summary>A <c>--sweep</c>, <c>--seeds</c> or <c>--target</c> argument that cannot be used; the message names the argument and what is expected.</summary>
public sealed class SweepException(string message) : Exception(message);
