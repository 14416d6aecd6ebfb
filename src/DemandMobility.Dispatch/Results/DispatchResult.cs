using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace DemandMobility.Dispatch.Results;

/// <summary>Either a value or an error: expected failures are results, not exceptions.</summary>
public sealed record DispatchResult<T>
{
    /// <summary>Used by serialisation (idempotent replies); prefer <see cref="Ok"/> and <see cref="Fail"/>.</summary>
    [JsonConstructor]
    public DispatchResult(T? value, DispatchError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when successful.</summary>
    public T? Value { get; }

    /// <summary>The error when failed.</summary>
    public DispatchError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [JsonIgnore]
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A successful result.</summary>
    public static DispatchResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static DispatchResult<T> Fail(DispatchError error) => new(default, error);

    /// <summary>Implicit success.</summary>
    public static implicit operator DispatchResult<T>(T value) => Ok(value);

    /// <summary>Implicit failure.</summary>
    public static implicit operator DispatchResult<T>(DispatchError error) => Fail(error);
}
