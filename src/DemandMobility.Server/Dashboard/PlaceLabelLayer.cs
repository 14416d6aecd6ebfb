using DemandMobility.Routing.Places;

namespace DemandMobility.Server.Dashboard;

/// <summary>One place name of the map: <c>GET /dashboard/api/places</c>.</summary>
/// <param name="Name">The locality's name from the OSM extract.</param>
/// <param name="Lat">Its position.</param>
/// <param name="Lon">Its position.</param>
/// <param name="Rank">0 for the largest locality, counting up: the page draws labels in this order and leaves out a label that would overlap one already drawn, so zooming in reveals the smaller places.</param>
public sealed record PlaceLabel(string Name, double Lat, double Lon, int Rank);

/// <summary>The map's place names: the region's localities from the geocoder's index (<see cref="PlaceIndex.Localities"/>).</summary>
internal static class PlaceLabelLayer
{
    /// <summary>The localities, largest first; empty when the server runs without the OSM extract (no place index).</summary>
    public static IReadOnlyList<PlaceLabel> Build(PlaceIndex? index)
    {
        if (index is null) return [];
        var ranked = index.Localities();
        var labels = new List<PlaceLabel>(ranked.Count);
        for (int i = 0; i < ranked.Count; i++)
        {
            var p = ranked[i].Place;
            labels.Add(new PlaceLabel(p.Label, Math.Round(p.Latitude, 5), Math.Round(p.Longitude, 5), i));
        }
        return labels;
    }
}
