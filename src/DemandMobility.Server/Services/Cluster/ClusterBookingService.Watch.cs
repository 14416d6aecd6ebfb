using DemandMobility.Contracts.V1;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

public sealed partial class ClusterBookingService
{
    /// <summary>Streams the booking until it is completed, cancelled or a no-show (from the area its id names).</summary>
    public override async Task WatchBooking(WatchBookingRequest request, IServerStreamWriter<BookingUpdate> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        using var slot = streams.Enter(caller, "WatchBooking");
        var identity = RpcCaller.Engine(caller);
        await AreaWatch.RelayAsync(token => router.WatchBookingAsync(identity, id, token),
            (view, token) => responses.WriteAsync(BookingUpdateMapping.ToProto(view), token), context, lifetime, time).ConfigureAwait(false);
    }
}
