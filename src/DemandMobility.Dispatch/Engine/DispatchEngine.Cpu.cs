namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    private readonly EngineCpu _cpu = new();

    /// <summary>
    /// The CPU this engine has used in its own work (quotes, commands, reads, re-optimisation rounds), measured per
    /// thread so waiting counts nothing (<see cref="EngineCpu"/>); a host reads its growth to weigh its load.
    /// </summary>
    public EngineCpu Cpu => _cpu;
}
