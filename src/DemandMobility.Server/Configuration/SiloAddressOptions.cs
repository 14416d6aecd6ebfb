namespace DemandMobility.Server.Configuration;

/// <summary>
/// <c>Cluster:Silo</c>: where this silo is reached and where it listens. Silos on several machines each advertise an
/// address the others can reach (their own network address); a silo behind NAT or in a container listens on
/// <c>0.0.0.0</c> and advertises the outside address. Resolved and checked by <see cref="SiloEndpoints.Resolve"/>.
/// </summary>
public sealed class SiloAddressOptions
{
    /// <summary>
    /// <c>Cluster:Silo:AdvertisedAddress</c>: the IP address written to the membership table, which other silos and
    /// clients connect to (default 127.0.0.1: every silo on this machine).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// <c>Cluster:Silo:ListenAddress</c>: the IP address the silo and gateway ports are bound to; empty = the
    /// advertised address, <c>0.0.0.0</c> = every interface.
    /// </summary>
    public string ListenAddress { get; set; } = "";

    /// <summary><c>Cluster:Silo:Tls</c>: TLS between silos and on the gateway (off by default).</summary>
    public SiloTlsOptions Tls { get; set; } = new();
}
