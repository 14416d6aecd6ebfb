using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;
using Vehicle = DemandMobility.Contracts.V1.Vehicle;
using DemandMobility.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>FleetService</c> in cluster mode: the same validation and mapping as <see cref="FleetService"/>, each call
/// routed by the area-scoped vehicle id (<c>area.vehicle</c>) to its area's grain; GPS fixes are sent in batches
/// per area, and the manifest stream follows its area when the area moves to another silo.
/// </summary>
public sealed partial class ClusterFleetService(ServiceAreaRouter router, ManifestVersions versions, TimeProvider time,
    IHostApplicationLifetime lifetime, StreamQuota streams) : Contracts.V1.FleetService.FleetServiceBase
{
    private static readonly TimeSpan MaxShift = TimeSpan.FromHours(14);

    /// <summary>Registers a vehicle in the area its id names (dispatchers only); its depot must lie in that area.</summary>
    [Authorize(Policy = Roles.Dispatcher)]
    public override async Task<Vehicle> RegisterVehicle(RegisterVehicleRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string id = RequestValidation.VehicleId(request.VehicleId);
        if (request.Capacity is null) throw RpcErrors.Invalid("capacity", "is required.");
        var c = request.Capacity;
        var capacity = new LoadVector(
            RequestValidation.Range(c.Seats, 1, 60, "capacity.seats"),
            RequestValidation.Range(c.WheelchairPlaces, 0, 4, "capacity.wheelchair_places"),
            RequestValidation.Range(c.ParcelUnits, 0, 50, "capacity.parcel_units"),
            RequestValidation.Range(c.Luggage, 0, 10, "capacity.luggage"));
        var depot = RequestValidation.Point(request.Depot, "depot");
        if (DemandMobility.Cluster.Areas.AreaScopedId.TryParse(id, out var areaId, out _) && router.Areas.AreaOf(depot)?.Id != areaId)
            throw RpcErrors.Invalid("depot", $"{depot} lies outside service area '{areaId}'.");
        RequestValidation.MaxLength(request.DisplayName, 64, "display_name");
        var start = time.GetUtcNow();
        var end = start + MaxShift;
        if (request.Shift is not null)
        {
            start = RequestValidation.Time(request.Shift.Start, "shift.start");
            end = RequestValidation.Time(request.Shift.End, "shift.end");
            if (end <= start) throw RpcErrors.Invalid("shift.end", "must be after shift.start.");
            if (end - start > MaxShift) throw RpcErrors.Invalid("shift.end", "a shift lasts at most 14 h.");
        }
        var registration = new VehicleRegistration(id, capacity, depot, start, end,
            RequestValidation.OptionalServiceGroup(request.ServiceGroup, "service_group"));
        var vehicle = await AreaCall.RunAsync(() => router.RegisterVehicleAsync(caller, registration)).ConfigureAwait(false);
        return ProtoMapping.ToProto(vehicle, request.DisplayName);
    }

    /// <summary>Puts the vehicle in service (drivers only for the vehicle of their token).</summary>
    public override async Task<Vehicle> StartShift(StartShiftRequest request, ServerCallContext context)
    {
        var callerContext = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(callerContext, id);
        if (request.PlannedEnd is not null && RequestValidation.Time(request.PlannedEnd, "planned_end") <= time.GetUtcNow())
            throw RpcErrors.Invalid("planned_end", "lies in the past; a shift that starts now ends later.");
        var caller = RpcCaller.Engine(callerContext);
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.StartShiftAsync(caller, id)).ConfigureAwait(false));
    }
}
