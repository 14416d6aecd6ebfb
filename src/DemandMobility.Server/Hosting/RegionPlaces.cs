using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Server.Hosting;

/// <summary>The region's stop namer (reverse geocoding from the OSM extract); null when the server runs from a graph file without the extract.</summary>
internal sealed record RegionPlaces(IStopNamer? Namer);
