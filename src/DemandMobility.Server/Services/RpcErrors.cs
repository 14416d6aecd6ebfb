using System.Text;
using DemandMobility.Dispatch.Results;
using Grpc.Core;

namespace DemandMobility.Server.Services;

/// <summary>Maps engine failures and request problems to gRPC statuses (see docs/api.md "Status codes").</summary>
internal static class RpcErrors
{
    public static RpcException Invalid(string field, string message) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException PermissionDenied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    /// <summary>The status for an engine error; invalid fields are named in the proto's snake_case spelling.</summary>
    public static RpcException From(DispatchError error)
    {
        var code = error.Code switch
        {
            DispatchErrorCode.InvalidArgument or DispatchErrorCode.IdempotencyConflict => StatusCode.InvalidArgument,
            DispatchErrorCode.NotFound => StatusCode.NotFound,
            DispatchErrorCode.PermissionDenied => StatusCode.PermissionDenied,
            DispatchErrorCode.AlreadyExists => StatusCode.AlreadyExists,
            _ => StatusCode.FailedPrecondition,
        };
        // The API promises NOT_FOUND for an unknown fixed stop id; the engine reports it as an invalid field.
        if (error.Code == DispatchErrorCode.InvalidArgument && error.Field is { } f && f.EndsWith(".stopId", StringComparison.Ordinal))
            code = StatusCode.NotFound;
        string message = error.Field is { Length: > 0 } field ? $"{SnakeCase(field)}: {error.Message}" : error.Message;
        return new RpcException(new Status(code, message));
    }

    /// <summary>Unwraps a result or throws its status.</summary>
    public static T Unwrap<T>(DispatchResult<T> result) => result.IsSuccess ? result.Value : throw From(result.Error);

    /// <summary>"origin.latitude" → "origin.latitude", "earliestDeparture" → "earliest_departure".</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (char.IsUpper(c))
            {
                if (sb.Length > 0 && sb[^1] != '.') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
