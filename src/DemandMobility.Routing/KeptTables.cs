namespace DemandMobility.Routing;

/// <summary>The tables around a few new points (<see cref="KeptPointTable.Around"/>).</summary>
/// <param name="FromFresh">New points × the kept targets.</param>
/// <param name="ToFresh">The kept sources × new points.</param>
/// <param name="Between">New points × new points.</param>
public sealed record KeptTables(TableResult FromFresh, TableResult ToFresh, TableResult Between);
