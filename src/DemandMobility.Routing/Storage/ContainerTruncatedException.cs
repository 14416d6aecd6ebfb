namespace DemandMobility.Routing.Storage;

/// <summary>A read past the end of a container file's payload (the file is truncated or a count in it is damaged).</summary>
public sealed class ContainerTruncatedException(string message) : IOException(message);
