namespace DemandMobility.Optimization.Search.Routes;

/// <summary>Cost components of one evaluated route and its weighted objective value.</summary>
internal readonly record struct RouteMetrics(double Distance, double TravelTime, double RideTime, double Waiting, bool Used, double Cost);
