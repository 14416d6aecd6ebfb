using System.Collections.Immutable;

namespace DemandMobility.Dispatch.Views;

/// <summary>Why no offer could be made, and requested times that would work instead.</summary>
/// <param name="Reason">Human-readable reason.</param>
/// <param name="AlternativeTimes">
/// Shifted values of the requested time (earliest departure or latest arrival, whichever was given)
/// for which an offer is possible right now; at most <c>DispatchOptions.MaxAlternatives</c>.
/// </param>
/// <param name="Code">The reason as a code (defaults to <see cref="QuoteRejectionReason.NoCapacity"/>).</param>
public sealed record QuoteRejection(
    string Reason, ImmutableArray<DateTimeOffset> AlternativeTimes, QuoteRejectionReason Code = QuoteRejectionReason.NoCapacity);
