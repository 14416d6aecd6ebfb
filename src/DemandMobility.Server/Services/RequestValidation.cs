using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using Google.Protobuf.WellKnownTypes;
using DomainGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;
using ProtoGeoPoint = DemandMobility.Contracts.V1.GeoPoint;

namespace DemandMobility.Server.Services;

/// <summary>Field checks shared by the services; each failure names the field as written in the .proto file.</summary>
internal static class RequestValidation
{
    /// <summary>A required id (1..128 characters, no control characters).</summary>
    public static string Id(string value, string field)
    {
        if (string.IsNullOrEmpty(value)) throw RpcErrors.Invalid(field, "is required.");
        if (value.Length > 128) throw RpcErrors.Invalid(field, $"is {value.Length} characters long; at most 128 are allowed.");
        foreach (char c in value)
            if (char.IsControl(c)) throw RpcErrors.Invalid(field, "must not contain control characters.");
        return value;
    }

    /// <summary>An idempotency key: 1..128 printable ASCII characters.</summary>
    public static string IdempotencyKey(string value, string field = "idempotency_key")
    {
        if (string.IsNullOrEmpty(value)) throw RpcErrors.Invalid(field, "is required (1..128 printable ASCII characters).");
        if (value.Length > 128) throw RpcErrors.Invalid(field, $"is {value.Length} characters long; at most 128 are allowed.");
        foreach (char c in value)
            if (c < 0x20 || c > 0x7E) throw RpcErrors.Invalid(field, "must consist of printable ASCII characters.");
        return value;
    }

    /// <summary>A vehicle id: 1..64 characters of [A-Za-z0-9._-].</summary>
    public static string VehicleId(string value, string field = "vehicle_id")
    {
        if (string.IsNullOrEmpty(value)) throw RpcErrors.Invalid(field, "is required.");
        if (value.Length > 64) throw RpcErrors.Invalid(field, "must be at most 64 characters.");
        foreach (char c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                throw RpcErrors.Invalid(field, $"'{value}' may contain only A-Z, a-z, 0-9, '.', '_' and '-'.");
        return value;
    }

    public static DomainGeoPoint Point(ProtoGeoPoint? p, string field)
    {
        if (p is null) throw RpcErrors.Invalid(field, "is required.");
        return Coordinate(p.Lat, p.Lon, field);
    }

    public static DomainGeoPoint Coordinate(double lat, double lon, string field)
    {
        if (!double.IsFinite(lat) || lat is < -90 or > 90) throw RpcErrors.Invalid(field + ".lat", $"{lat} is not a latitude in [-90, 90].");
        if (!double.IsFinite(lon) || lon is < -180 or > 180) throw RpcErrors.Invalid(field + ".lon", $"{lon} is not a longitude in [-180, 180].");
        return new DomainGeoPoint(lat, lon);
    }

    public static PlaceRef Place(Location? location, string field)
    {
        if (location is null) throw RpcErrors.Invalid(field, "is required.");
        return location.KindCase switch
        {
            Location.KindOneofCase.Point => new PlaceRef(Point(location.Point, field + ".point")),
            Location.KindOneofCase.StopId => PlaceRef.Stop(Id(location.StopId, field + ".stop_id")),
            _ => throw RpcErrors.Invalid(field, "must set exactly one of point and stop_id."),
        };
    }

    public static DateTimeOffset Time(Timestamp? t, string field)
    {
        if (t is null) throw RpcErrors.Invalid(field, "is required.");
        return TryTime(t, out var value) ? value : throw RpcErrors.Invalid(field,
            $"{{seconds: {t.Seconds}, nanos: {t.Nanos}}} is not a valid timestamp (0001-01-01..9999-12-31, nanos 0..999999999).");
    }

    /// <summary>
    /// Converts a Timestamp that google/protobuf/timestamp.proto allows and DateTimeOffset can hold; false otherwise
    /// (negative nanos, year 10000…), where <c>ToDateTimeOffset</c> would throw and the call end as UNKNOWN.
    /// </summary>
    public static bool TryTime(Timestamp? t, out DateTimeOffset value)
    {
        value = default;
        if (t is null || t.Nanos is < 0 or > 999_999_999 || t.Seconds < -62135596800L || t.Seconds > 253402300799L) return false;
        value = t.ToDateTimeOffset();
        return true;
    }

    /// <summary>An optional duration within [<paramref name="min"/>, <paramref name="max"/>]; null when unset.</summary>
    public static TimeSpan? OptionalDuration(Google.Protobuf.WellKnownTypes.Duration? d, TimeSpan min, TimeSpan max, string field)
    {
        if (d is null) return null;
        // google/protobuf/duration.proto: |seconds| ≤ 315,576,000,000, |nanos| < 1e9, and both of the same sign.
        if (d.Nanos is < -999_999_999 or > 999_999_999 || Math.Abs(d.Seconds) > 315_576_000_000L
            || d.Seconds > 0 && d.Nanos < 0 || d.Seconds < 0 && d.Nanos > 0)
            throw RpcErrors.Invalid(field, $"{{seconds: {d.Seconds}, nanos: {d.Nanos}}} is not a valid duration (seconds and nanos must have the same sign).");
        var value = d.ToTimeSpan();
        if (value < min || value > max) throw RpcErrors.Invalid(field, $"must be {min.TotalMinutes:F0}..{max.TotalMinutes:F0} minutes.");
        return value;
    }

    /// <summary>An optional service group name (empty = none).</summary>
    public static string? OptionalServiceGroup(string value, string field)
    {
        if (value.Length == 0) return null;
        if (!Dispatch.Domain.ServiceGroupRule.IsValid(value)) throw RpcErrors.Invalid(field, Dispatch.Domain.ServiceGroupRule.Rule);
        return value;
    }

    public static int Range(int value, int min, int max, string field)
    {
        if (value < min || value > max) throw RpcErrors.Invalid(field, $"{value} must be {min}..{max}.");
        return value;
    }

    public static string MaxLength(string value, int max, string field)
    {
        if (value.Length > max) throw RpcErrors.Invalid(field, $"is {value.Length} characters long; at most {max} are allowed.");
        return value;
    }
}
