using DemandMobility.Contracts.V1;
using DemandMobility.Routing.Places;
using DemandMobility.Server.Hosting;
using Grpc.Core;

namespace DemandMobility.Server.Services;

/// <summary><c>demandmobility.v1.PlaceService</c>: the region's geocoder (riders, dispatchers, planners).</summary>
internal sealed class PlaceService(RegionPlaces places) : Contracts.V1.PlaceService.PlaceServiceBase
{
    private const int MaxQueryLength = 100;
    private const int MaxResults = 50;
    private const int DefaultResults = 10;

    /// <summary>Searches <see cref="PlaceIndex"/> by name; every rule about matching and ranking lives there.</summary>
    public override Task<SearchPlacesResponse> SearchPlaces(SearchPlacesRequest request, ServerCallContext context)
    {
        string query = (request.Query ?? "").Trim();
        if (query.Length == 0 || query.Length > MaxQueryLength || !query.Any(char.IsLetterOrDigit))
            throw RpcErrors.Invalid("query", $"must hold 1..{MaxQueryLength} characters with at least one letter or digit.");
        if (request.MaxResults is < 0 or > MaxResults)
            throw RpcErrors.Invalid("max_results", $"must lie in 0..{MaxResults} (0 means {DefaultResults}).");
        var index = places.Index
            ?? throw RpcErrors.Precondition("The server runs without the region's OSM extract (Routing:PbfPath), so it has no place names to search.");
        var response = new SearchPlacesResponse();
        foreach (var p in index.Search(query, request.MaxResults == 0 ? DefaultResults : request.MaxResults))
            response.Places.Add(new FoundPlace { Label = p.Label, Kind = KindName(p.Kind), Position = new GeoPoint { Lat = p.Latitude, Lon = p.Longitude } });
        return Task.FromResult(response);
    }

    private static string KindName(PlaceKind kind) => kind switch
    {
        PlaceKind.Locality => "locality",
        PlaceKind.BusStop => "bus_stop",
        PlaceKind.Poi => "poi",
        PlaceKind.Street => "street",
        PlaceKind.Address => "address",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown place kind."),
    };
}
