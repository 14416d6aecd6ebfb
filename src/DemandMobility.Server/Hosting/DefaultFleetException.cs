namespace DemandMobility.Server.Hosting;

/// <summary>A vehicle of <c>Fleet:Vehicles</c> was refused by the dispatcher at start; the message names it and why.</summary>
public sealed class DefaultFleetException(string message) : Exception(message);
