namespace DemandMobility.Optimization.Instances;

/// <summary>
/// What <see cref="DarpGenerator"/> builds: Cordeau's class (<c>'a'</c> or <c>'b'</c>), fleet K, requests n, maximum
/// route duration T (also the depot's window, minutes) and the random seed.
/// </summary>
public sealed record DarpGeneratorSpec(char Class, int Vehicles, int Requests, double RouteDuration, int Seed)
{
    /// <summary>File name without extension, e.g. <c>gen-a10-120-s1</c>: class, K-n as in the public names, seed; the
    /// prefix keeps generated files apart from the published ones.</summary>
    public string Name => $"gen-{Class}{Vehicles}-{Requests}-s{Seed}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        if (Class is not ('a' or 'b')) throw new ArgumentException($"class must be 'a' or 'b', is '{Class}'");
        if (Vehicles <= 0) throw new ArgumentException($"vehicles must be positive, is {Vehicles}");
        if (Requests < 2) throw new ArgumentException($"requests must be at least 2 (half outbound, half inbound), is {Requests}");
        if (!(RouteDuration > 0) || RouteDuration != Math.Floor(RouteDuration))
            throw new ArgumentException($"route duration must be a positive whole number of minutes, is {RouteDuration}");
    }
}
