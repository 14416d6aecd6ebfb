using DemandMobility.Rpc;

namespace DemandMobility.Contracts.V1;

/// <summary>Method descriptors of <c>demandmobility.v1.SimulationControl</c> (see <c>simulation.proto</c>).</summary>
public static class SimulationMethods
{
    /// <summary>The service's full name.</summary>
    public const string ServiceName = "demandmobility.v1.SimulationControl";

    /// <summary>SimulationControl/SetClock.</summary>
    public static readonly Method<SetClockRequest, SetClockResponse> SetClock = new(MethodType.Unary, ServiceName, "SetClock", SetClockRequest.Parser, SetClockResponse.Parser);
    /// <summary>SimulationControl/Reoptimise.</summary>
    public static readonly Method<ReoptimiseRequest, ReoptimiseResponse> Reoptimise = new(MethodType.Unary, ServiceName, "Reoptimise", ReoptimiseRequest.Parser, ReoptimiseResponse.Parser);
    /// <summary>SimulationControl/GetConfig.</summary>
    public static readonly Method<GetSimulationConfigRequest, SimulationConfig> GetConfig = new(MethodType.Unary, ServiceName, "GetConfig", GetSimulationConfigRequest.Parser, SimulationConfig.Parser);
    /// <summary>SimulationControl/GetManifest.</summary>
    public static readonly Method<SimulationManifestRequest, SimulationManifest> GetManifest = new(MethodType.Unary, ServiceName, "GetManifest", SimulationManifestRequest.Parser, SimulationManifest.Parser);
}
