using DemandMobility.Rpc;

namespace DemandMobility.Contracts.V1;

/// <summary>
/// Method descriptors of the four <c>demandmobility.v1</c> services, written once next to the generated messages
/// (Grpc.Tools runs with <c>GrpcServices="None"</c>). The server, its clients, the simulator and the tests all use these.
/// </summary>
public static class DispatchMethods
{
    private const string Booking = "demandmobility.v1.BookingService";
    private const string Parcels = "demandmobility.v1.ParcelService";
    private const string Fleet = "demandmobility.v1.FleetService";
    private const string Monitor = "demandmobility.v1.MonitorService";

    /// <summary>BookingService/RequestQuote.</summary>
    public static readonly Method<RequestQuoteRequest, RequestQuoteResponse> RequestQuote = new(MethodType.Unary, Booking, "RequestQuote", RequestQuoteRequest.Parser, RequestQuoteResponse.Parser);
    /// <summary>BookingService/ConfirmOffer.</summary>
    public static readonly Method<ConfirmOfferRequest, Contracts.V1.Booking> ConfirmOffer = new(MethodType.Unary, Booking, "ConfirmOffer", ConfirmOfferRequest.Parser, Contracts.V1.Booking.Parser);
    /// <summary>BookingService/CancelBooking.</summary>
    public static readonly Method<CancelBookingRequest, Contracts.V1.Booking> CancelBooking = new(MethodType.Unary, Booking, "CancelBooking", CancelBookingRequest.Parser, Contracts.V1.Booking.Parser);
    /// <summary>BookingService/GetBooking.</summary>
    public static readonly Method<GetBookingRequest, Contracts.V1.Booking> GetBooking = new(MethodType.Unary, Booking, "GetBooking", GetBookingRequest.Parser, Contracts.V1.Booking.Parser);
    /// <summary>BookingService/WatchBooking.</summary>
    public static readonly Method<WatchBookingRequest, BookingUpdate> WatchBooking = new(MethodType.ServerStreaming, Booking, "WatchBooking", WatchBookingRequest.Parser, BookingUpdate.Parser);

    /// <summary>ParcelService/SubmitParcel.</summary>
    public static readonly Method<SubmitParcelRequest, SubmitParcelResponse> SubmitParcel = new(MethodType.Unary, Parcels, "SubmitParcel", SubmitParcelRequest.Parser, SubmitParcelResponse.Parser);
    /// <summary>ParcelService/CancelParcel.</summary>
    public static readonly Method<CancelParcelRequest, Parcel> CancelParcel = new(MethodType.Unary, Parcels, "CancelParcel", CancelParcelRequest.Parser, Parcel.Parser);
    /// <summary>ParcelService/GetParcel.</summary>
    public static readonly Method<GetParcelRequest, Parcel> GetParcel = new(MethodType.Unary, Parcels, "GetParcel", GetParcelRequest.Parser, Parcel.Parser);

    /// <summary>FleetService/RegisterVehicle.</summary>
    public static readonly Method<RegisterVehicleRequest, Vehicle> RegisterVehicle = new(MethodType.Unary, Fleet, "RegisterVehicle", RegisterVehicleRequest.Parser, Vehicle.Parser);
    /// <summary>FleetService/StartShift.</summary>
    public static readonly Method<StartShiftRequest, Vehicle> StartShift = new(MethodType.Unary, Fleet, "StartShift", StartShiftRequest.Parser, Vehicle.Parser);
    /// <summary>FleetService/EndShift.</summary>
    public static readonly Method<EndShiftRequest, Vehicle> EndShift = new(MethodType.Unary, Fleet, "EndShift", EndShiftRequest.Parser, Vehicle.Parser);
    /// <summary>FleetService/ReportPositions (client stream).</summary>
    public static readonly Method<PositionFix, ReportPositionsSummary> ReportPositions = new(MethodType.ClientStreaming, Fleet, "ReportPositions", PositionFix.Parser, ReportPositionsSummary.Parser);
    /// <summary>FleetService/WatchManifest.</summary>
    public static readonly Method<WatchManifestRequest, Manifest> WatchManifest = new(MethodType.ServerStreaming, Fleet, "WatchManifest", WatchManifestRequest.Parser, Manifest.Parser);
    /// <summary>FleetService/ReportStopEvent.</summary>
    public static readonly Method<StopEventRequest, StopEventResponse> ReportStopEvent = new(MethodType.Unary, Fleet, "ReportStopEvent", StopEventRequest.Parser, StopEventResponse.Parser);

    /// <summary>MonitorService/WatchFleet.</summary>
    public static readonly Method<WatchFleetRequest, FleetUpdate> WatchFleet = new(MethodType.ServerStreaming, Monitor, "WatchFleet", WatchFleetRequest.Parser, FleetUpdate.Parser);
    /// <summary>MonitorService/GetKpis.</summary>
    public static readonly Method<GetKpisRequest, Kpis> GetKpis = new(MethodType.Unary, Monitor, "GetKpis", GetKpisRequest.Parser, Kpis.Parser);
}
