using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>The answer to a quote: either an offer or a rejection with alternatives (exactly one is set).</summary>
public sealed record QuoteOutcome(Offer? Offer, QuoteRejection? Rejection);
