namespace DemandMobility.Server.Hosting;

/// <summary>The road graph could not be loaded or built; the message names the files and the setting to fix.</summary>
public sealed class RoadNetworkException(string message, Exception? inner = null) : Exception(message, inner);
