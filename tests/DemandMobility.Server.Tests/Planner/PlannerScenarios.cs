namespace DemandMobility.Server.Tests.Planner;

/// <summary>Scenario texts for planner job tests, on the embedded region.</summary>
internal static class PlannerScenarios
{
    /// <summary>Half an hour, two buses, a handful of trips: runs in seconds.</summary>
    public static string Tiny(int trips = 8) => $$"""
        {
          "name": "planner-tiny",
          "region_pbf": "routing-data/north-bayreuth.osm.pbf",
          "date": "2026-03-10",
          "time_zone": "Europe/Berlin",
          "day_start": "07:00",
          "day_end": "07:30",
          "seed": 3,
          "fleet": [ { "count": 2, "id_prefix": "t", "seats": 8, "wheelchair_places": 1, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "07:00", "shift_end": "08:00" } ],
          "service_area": { "bbox": [11.48, 49.97, 11.61, 50.05] },
          "reoptimisation": { "interval_min": 15, "iterations": 20 },
          "demand": { "mode": "synthetic", "trips_per_day": {{trips}}, "time_profile": [[7, 1.0]] }
        }
        """;

    /// <summary>A whole day with many trips: long enough to be cancelled while it runs.</summary>
    public static string Long() => """
        {
          "name": "planner-long",
          "region_pbf": "routing-data/north-bayreuth.osm.pbf",
          "date": "2026-03-10",
          "time_zone": "Europe/Berlin",
          "day_start": "06:00",
          "day_end": "22:00",
          "seed": 1,
          "fleet": [ { "count": 20, "id_prefix": "l", "seats": 8, "wheelchair_places": 1, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "06:00", "shift_end": "19:00" } ],
          "service_area": { "bbox": [11.48, 49.97, 11.61, 50.05] },
          "reoptimisation": { "interval_min": 5, "iterations": 2000 },
          "demand": { "mode": "synthetic", "trips_per_day": 4000 }
        }
        """;
}
