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

    /// <summary>A morning of a few hundred trips: runs long enough for its node to be killed mid-run, short enough to rerun.</summary>
    public static string Medium() => """
        {
          "name": "planner-medium",
          "region_pbf": "routing-data/north-bayreuth.osm.pbf",
          "date": "2026-03-10",
          "time_zone": "Europe/Berlin",
          "day_start": "06:00",
          "day_end": "10:00",
          "seed": 4,
          "fleet": [ { "count": 8, "id_prefix": "m", "seats": 8, "wheelchair_places": 1, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "06:00", "shift_end": "11:00" } ],
          "service_area": { "bbox": [11.48, 49.97, 11.61, 50.05] },
          "reoptimisation": { "interval_min": 10, "iterations": 300 },
          "demand": { "mode": "synthetic", "trips_per_day": 300 }
        }
        """;

    /// <summary>A short school morning: two schools with lat/lon and bell, two vehicles each kept apart, a tariff, and a few generated pupils.</summary>
    public static string School(int generatedPupils = 4) => $$"""
        {
          "name": "planner-school",
          "region_pbf": "routing-data/north-bayreuth.osm.pbf",
          "date": "2026-03-10",
          "time_zone": "Europe/Berlin",
          "day_start": "06:30",
          "day_end": "08:30",
          "seed": 2,
          "fleet": [
            { "count": 2, "id_prefix": "gs", "seats": 16, "wheelchair_places": 1, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "06:30", "shift_end": "08:30", "group": "gs-neudrossenfeld" },
            { "count": 2, "id_prefix": "ms", "seats": 16, "wheelchair_places": 1, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "06:30", "shift_end": "08:30", "group": "ms-bindlach" }
          ],
          "service_area": { "bbox": [11.48, 49.97, 11.60, 50.05] },
          "dispatch": { "promise_window_min": 10, "max_wait_min": 30, "detour_factor": 2.0, "detour_constant_min": 10 },
          "riders": { "acceptable_wait_min": 30, "max_alternatives": 2, "cancel_probability": 0, "no_show_probability": 0 },
          "reoptimisation": { "interval_min": 15, "iterations": 20 },
          "demand": {
            "trips_per_day": 0,
            "school": {
              "schools": [
                { "id": "gs-neudrossenfeld", "name": "Grundschule Neudrossenfeld", "lat": 50.0135, "lon": 11.5020, "bell": "07:55", "age_groups": ["primary"] },
                { "id": "ms-bindlach", "name": "Mittelschule Bindlach", "lat": 50.0010, "lon": 11.5990, "bell": "08:00", "age_groups": ["secondary"] }
              ],
              "pupils": {{generatedPupils}},
              "age_groups": [
                { "name": "primary", "share": 0.5, "max_ride_minutes": 30 },
                { "name": "secondary", "share": 0.5, "max_ride_minutes": 45 }
              ],
              "separate_vehicles_per_school": true,
              "arrival_margin_minutes": 5,
              "catchment_km": 10,
              "tariff": { "per_km": 1.6, "per_hour": 32, "per_trip": 0.5 }
            }
          }
        }
        """;
}
