namespace DemandMobility.Cluster.Security;

/// <summary>The silo's TLS settings cannot be used; the message names the setting and what is wrong with it.</summary>
public sealed class SiloTlsException(string message, Exception? inner = null) : Exception(message, inner);
