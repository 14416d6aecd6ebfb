using DemandMobility.Contracts.V1;
using DemandMobility.Rpc;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Client-side descriptors of the RPCs the <see cref="GrpcGateway"/> calls. The simulator may depend on Dispatch,
/// Contracts and Rpc only, not on the server, so these repeat the names of the server's <c>DispatchMethods</c> and
/// <c>SimulationMethods</c> (a test checks that both sides agree).
/// </summary>
internal static class GrpcMethods
{
    private const string Booking = "demandmobility.v1.BookingService";
    private const string Parcels = "demandmobility.v1.ParcelService";
    private const string Fleet = "demandmobility.v1.FleetService";
    private const string Simulation = "demandmobility.v1.SimulationControl";

    public static readonly Method<RequestQuoteRequest, RequestQuoteResponse> RequestQuote = new(MethodType.Unary, Booking, "RequestQuote", RequestQuoteRequest.Parser, RequestQuoteResponse.Parser);
    public static readonly Method<ConfirmOfferRequest, Contracts.V1.Booking> ConfirmOffer = new(MethodType.Unary, Booking, "ConfirmOffer", ConfirmOfferRequest.Parser, Contracts.V1.Booking.Parser);
    public static readonly Method<CancelBookingRequest, Contracts.V1.Booking> CancelBooking = new(MethodType.Unary, Booking, "CancelBooking", CancelBookingRequest.Parser, Contracts.V1.Booking.Parser);
    public static readonly Method<SubmitParcelRequest, SubmitParcelResponse> SubmitParcel = new(MethodType.Unary, Parcels, "SubmitParcel", SubmitParcelRequest.Parser, SubmitParcelResponse.Parser);
    public static readonly Method<RegisterVehicleRequest, Vehicle> RegisterVehicle = new(MethodType.Unary, Fleet, "RegisterVehicle", RegisterVehicleRequest.Parser, Vehicle.Parser);
    public static readonly Method<StartShiftRequest, Vehicle> StartShift = new(MethodType.Unary, Fleet, "StartShift", StartShiftRequest.Parser, Vehicle.Parser);
    public static readonly Method<EndShiftRequest, Vehicle> EndShift = new(MethodType.Unary, Fleet, "EndShift", EndShiftRequest.Parser, Vehicle.Parser);
    public static readonly Method<PositionFix, ReportPositionsSummary> ReportPositions = new(MethodType.ClientStreaming, Fleet, "ReportPositions", PositionFix.Parser, ReportPositionsSummary.Parser);
    public static readonly Method<StopEventRequest, StopEventResponse> ReportStopEvent = new(MethodType.Unary, Fleet, "ReportStopEvent", StopEventRequest.Parser, StopEventResponse.Parser);
    public static readonly Method<SetClockRequest, SetClockResponse> SetClock = new(MethodType.Unary, Simulation, "SetClock", SetClockRequest.Parser, SetClockResponse.Parser);
    public static readonly Method<ReoptimiseRequest, ReoptimiseResponse> Reoptimise = new(MethodType.Unary, Simulation, "Reoptimise", ReoptimiseRequest.Parser, ReoptimiseResponse.Parser);
    public static readonly Method<GetSimulationConfigRequest, SimulationConfig> GetConfig = new(MethodType.Unary, Simulation, "GetConfig", GetSimulationConfigRequest.Parser, SimulationConfig.Parser);
    public static readonly Method<SimulationManifestRequest, SimulationManifest> GetManifest = new(MethodType.Unary, Simulation, "GetManifest", SimulationManifestRequest.Parser, SimulationManifest.Parser);
}
