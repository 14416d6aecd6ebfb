namespace DemandMobility.Cli.Routing;

/// <summary>Exit codes of the routing verbs.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad arguments or unreadable input; nothing was written.</summary>
    public const int BadInput = 1;
    /// <summary>Output written, but some points did not snap or some pairs have no route.</summary>
    public const int Incomplete = 3;
}
