using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DemandMobility.Server.Configuration;

/// <summary>The silo's resolved endpoints: advertised to the cluster, and bound locally.</summary>
/// <param name="Advertised">The address in the membership table.</param>
/// <param name="Listen">The address the ports are bound to.</param>
/// <param name="SiloPort">Silo-to-silo port (advertised and bound).</param>
/// <param name="GatewayPort">Client gateway port (advertised and bound).</param>
public sealed record SiloEndpoints(IPAddress Advertised, IPAddress Listen, int SiloPort, int GatewayPort)
{
    /// <summary>
    /// Parses and checks <c>Cluster:Silo</c> and the ports; every problem is listed, each naming its setting: an
    /// address that is not an IP address, an advertised wildcard (0.0.0.0 is no place to connect to) or multicast
    /// address, a listen address that belongs to no interface of this machine (every 127.x.x.x address is local),
    /// ports out of range or equal.
    /// </summary>
    /// <param name="options">The bound <c>Cluster</c> section.</param>
    /// <param name="localAddresses">This machine's interface addresses (tests pass their own).</param>
    /// <exception cref="ArgumentException">Lists every problem.</exception>
    public static SiloEndpoints Resolve(ClusterOptions options, IReadOnlyCollection<IPAddress>? localAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string at = ClusterOptions.SectionName + ":Silo:";
        var errors = new List<string>();
        var silo = options.Silo ?? new SiloAddressOptions();
        IPAddress? advertised = Parse(silo.AdvertisedAddress, at + nameof(SiloAddressOptions.AdvertisedAddress), errors);
        if (advertised is not null && (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any) || IsMulticast(advertised)))
        {
            errors.Add($"{at}{nameof(SiloAddressOptions.AdvertisedAddress)} '{silo.AdvertisedAddress}' is not an address other silos can connect to; " +
                       $"give this machine's own address (and set {at}{nameof(SiloAddressOptions.ListenAddress)} to 0.0.0.0 to listen on every interface).");
            advertised = null;
        }
        bool listenGiven = !string.IsNullOrWhiteSpace(silo.ListenAddress);
        string listenKey = at + nameof(SiloAddressOptions.ListenAddress);
        IPAddress? listen = listenGiven ? Parse(silo.ListenAddress, listenKey, errors) : advertised;
        if (listen is not null && !IsLocal(listen, localAddresses ?? LocalAddresses()))
        {
            errors.Add(listenGiven
                ? $"{listenKey} '{listen}' is not an address of this machine; use one of its interface addresses or 0.0.0.0."
                : $"{at}{nameof(SiloAddressOptions.AdvertisedAddress)} '{listen}' is not an address of this machine, so the silo cannot listen on it; " +
                  $"behind NAT or in a container set {listenKey} to 0.0.0.0.");
        }
        if (options.SiloPort is < 1 or > 65535) errors.Add($"{ClusterOptions.SectionName}:SiloPort {options.SiloPort} must be 1..65535.");
        if (options.GatewayPort is < 1 or > 65535) errors.Add($"{ClusterOptions.SectionName}:GatewayPort {options.GatewayPort} must be 1..65535.");
        if (options.SiloPort == options.GatewayPort)
            errors.Add($"{ClusterOptions.SectionName}:SiloPort and {ClusterOptions.SectionName}:GatewayPort are both {options.SiloPort}; they must differ.");
        if (errors.Count > 0) throw new ArgumentException("Invalid silo address configuration: " + string.Join(" ", errors));
        return new SiloEndpoints(advertised!, listen!, options.SiloPort, options.GatewayPort);
    }

    private static IPAddress? Parse(string? text, string key, List<string> errors)
    {
        if (IPAddress.TryParse(text?.Trim(), out var address)) return address;
        errors.Add($"{key} '{text}' is not an IP address (e.g. 10.0.0.5 or 127.0.0.1).");
        return null;
    }

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6Multicast : (address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    // Wildcards bind every interface; the whole 127.0.0.0/8 (and ::1) is routed to the loopback interface by Linux.
    private static bool IsLocal(IPAddress address, IReadOnlyCollection<IPAddress> local) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address) || local.Contains(address);

    private static IPAddress[] LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address)).ToArray();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
