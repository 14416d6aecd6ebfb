namespace DemandMobility.Routing.Synthetic;

/// <summary>What <see cref="SyntheticRegion.Write"/> produced.</summary>
/// <param name="RoadNodes">Nodes referenced by road ways (the size parameter aims at this).</param>
/// <param name="Nodes">All nodes written (road nodes, places, POIs).</param>
/// <param name="Ways">Road ways written.</param>
/// <param name="Villages">Villages and towns (place=village/town nodes).</param>
/// <param name="Hamlets">Hamlets (place=hamlet nodes).</param>
/// <param name="Pois">Points of interest (school, doctors, supermarket, station).</param>
/// <param name="Restrictions">Turn-restriction relations.</param>
/// <param name="MotorwayInterchanges">Motorway junctions with link roads.</param>
public sealed record SyntheticRegionSummary(
    int RoadNodes,
    int Nodes,
    int Ways,
    int Villages,
    int Hamlets,
    int Pois,
    int Restrictions,
    int MotorwayInterchanges);
