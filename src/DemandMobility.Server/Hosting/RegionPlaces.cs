using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing.Places;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// The region's place index (geocoding by name) and stop namer (reverse geocoding), both from the OSM extract;
/// null when the server runs from a graph file without the extract.
/// </summary>
internal sealed record RegionPlaces(IStopNamer? Namer, PlaceIndex? Index = null);
