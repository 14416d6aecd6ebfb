using System.Text.Json;
using DemandMobility.Simulator.Demand;
using Xunit;

namespace DemandMobility.Simulator.Tests.Demand;

public sealed class DemandSettingsJsonTests
{
    [Fact]
    public void ScenarioSection_IsReadWithSnakeCaseKeys()
    {
        const string json = """
        {
          "mode": "csv",
          "trips_per_day": 320,
          "prebooked_share": 0.25,
          "prebook_lead_minutes": [30, 600],
          "time_profile": [[6, 0.5], [7, 1.5], [16, 1]],
          "destination_weights": { "school": 3, "town_hall": 1 },
          "csv": { "path": "../demand/x.csv", "on_error": "reject" },
          "school": {
            "schools": [ { "id": "gs", "lat": 50.0, "lon": 11.5, "bell": "07:50", "age_groups": ["primary"] } ],
            "pupils": 40,
            "separate_vehicles_per_school": true,
            "tariff": { "per_km": 2.0, "per_hour": 30, "per_trip": 1.5 }
          },
          "parcels": { "parcels_per_day": 12, "sizes": [ { "units": 2, "share": 1 } ], "delivery_window_minutes": 180 },
        }
        """;
        var s = JsonSerializer.Deserialize<DemandSettings>(json, DemandSettings.JsonOptions)!;

        Assert.Equal(DemandMode.Csv, s.Mode);
        Assert.Equal(320, s.TripsPerDay);
        Assert.Equal([30, 600], s.PrebookLeadMinutes);
        Assert.Equal(1.5, s.TimeProfile.HourWeights[7]);
        Assert.Equal(0, s.TimeProfile.HourWeights[8]);
        Assert.Equal(1, s.DestinationWeights["town_hall"]);
        Assert.Equal(CsvErrorMode.Reject, s.Csv!.OnError);
        Assert.True(s.School!.SeparateVehiclesPerSchool);
        Assert.Equal("07:50", s.School.Schools[0].Bell);
        Assert.Equal(1.5, s.School.Tariff.PerTrip);
        Assert.Equal(2, s.School.AgeGroups.Count);
        Assert.Equal(180, s.Parcels!.DeliveryWindowMinutes);
        Assert.Equal(0.3, s.ArriveByShare);
    }

    [Fact]
    public void NamedProfile_RoundTrips_AndUnknownNamesAreExplained()
    {
        var s = JsonSerializer.Deserialize<DemandSettings>("""{"time_profile": "commuter"}""", DemandSettings.JsonOptions)!;
        Assert.Same(TimeProfile.Commuter, s.TimeProfile);
        Assert.Contains("\"time_profile\":\"commuter\"", JsonSerializer.Serialize(s, DemandSettings.JsonOptions), StringComparison.Ordinal);

        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DemandSettings>("""{"time_profile": "sunday"}""", DemandSettings.JsonOptions));
        Assert.Contains("sunday", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DemandSettings>("""{"time_profile": [[25, 1]]}""", DemandSettings.JsonOptions));
        Assert.Contains("hour 25", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeys_AreRejected()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DemandSettings>("""{"trips_per_dya": 5}""", DemandSettings.JsonOptions));
        Assert.Contains("trips_per_dya", e.Message, StringComparison.Ordinal);
    }
}
