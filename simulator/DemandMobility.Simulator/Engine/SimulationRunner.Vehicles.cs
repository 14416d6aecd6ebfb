using System.Text;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

public sealed partial class SimulationRunner
{
    /// <summary>Stops closer than this are the same place (the manifest's points are the engine's snapped stops).</summary>
    private const double SamePlaceMetres = 2;

    /// <summary>How long a vehicle waits before retrying a stop whose events the dispatcher refused.</summary>
    private const double RetrySeconds = 60;

    private async Task StartShiftAsync(VehicleAgent v)
    {
        if (v.BrokenDownTicks is not null) return;
        var r = await _gateway.StartShiftAsync(v.Id, _ct).ConfigureAwait(false);
        if (!r.IsSuccess) return;
        v.Mode = VehicleMode.Idle;
        v.ShiftStartedTicks = _now;
        await RefreshAsync(v).ConfigureAwait(false);
    }

    private async Task EndShiftAsync(VehicleAgent v)
    {
        v.ShiftOver = true;
        if (v.Mode == VehicleMode.Idle) await RefreshAsync(v).ConfigureAwait(false);
    }

    private async Task RefreshAsync(string? vehicleId)
    {
        if (vehicleId is not null && _vehicleById.TryGetValue(vehicleId, out int i)) await RefreshAsync(_vehicles[i]).ConfigureAwait(false);
        else await RefreshAllAsync().ConfigureAwait(false);
    }

    private async Task RefreshAllAsync()
    {
        if (Concurrency.Batched)
        {
            await RefreshManyAsync(_vehicles).ConfigureAwait(false);
            return;
        }
        foreach (var v in _vehicles) await RefreshAsync(v).ConfigureAwait(false);
    }

    /// <summary>Whether the vehicle acts on a change of its plan now (not while serving a stop, heading home or off duty).</summary>
    private static bool CanRefresh(VehicleAgent v) =>
        v.Mode is not (VehicleMode.OffShift or VehicleMode.Done or VehicleMode.Serving or VehicleMode.Returning);

    /// <summary>
    /// Re-reads the vehicle's manifest after a change and heads for its first stop: a vehicle driving elsewhere
    /// or waiting at a stop diverts from where it is now (reporting that position so the plan starts there); a
    /// vehicle with nothing left stops, or drives home once its shift is over.
    /// </summary>
    private async Task RefreshAsync(VehicleAgent v)
    {
        if (!CanRefresh(v)) return;
        await ApplyManifestAsync(v, await _gateway.GetManifestAsync(v.Id, _ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>What <see cref="RefreshAsync(VehicleAgent)"/> does with the manifest it read.</summary>
    private async Task ApplyManifestAsync(VehicleAgent v, Dispatch.Results.DispatchResult<ManifestView> manifest)
    {
        if (!manifest.IsSuccess) return;
        var stops = manifest.Value!.Stops;
        if (stops.IsDefaultOrEmpty)
        {
            if (v.Mode == VehicleMode.Driving)
            {
                StopLeg(v);
                v.Mode = VehicleMode.Idle;
                if (!IsSilent(v)) await _gateway.ReportPositionAsync(v.Id, v.Position, _ct).ConfigureAwait(false);
            }
            else if (v.Mode == VehicleMode.Waiting)
            {
                // The stop it waited at went to another vehicle (re-optimisation) or was cancelled: the boarding it
                // had scheduled there must not happen.
                v.Version++;
                v.PendingStop = null;
                v.Mode = VehicleMode.Idle;
            }
            v.TargetKey = null;
            if (v.Mode == VehicleMode.Idle && v.ShiftOver) GoHome(v);
            return;
        }
        var first = stops[0];
        string key = KeyOf(first);
        // A vehicle still waiting out its departure delay re-plans the delay on every change of its plan.
        bool resting = v.Mode == VehicleMode.Driving && v.Leg is { } leg && leg.StartTicks > _now;
        if (v.Mode == VehicleMode.Waiting && key == v.TargetKey)
        {
            ScheduleBoarding(v, first);
            return;
        }
        if (!resting && v.Mode == VehicleMode.Driving && key == v.TargetKey) return;
        bool wasDriving = v.Mode == VehicleMode.Driving && !resting;
        await DriveToAsync(v, first, key).ConfigureAwait(false);
        if (wasDriving && !IsSilent(v))
        {
            v.LastFixTicks = _now;
            await _gateway.ReportPositionAsync(v.Id, v.Leg!.Points[0], _ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Heads for <paramref name="stop"/> at once. (Waiting out the plan's forward time slack first was measured on
    /// small days to put more pickups outside their windows than leaving at once.)
    /// </summary>
    private Task DriveToAsync(VehicleAgent v, ManifestStop stop, string key)
    {
        if (v.Mode == VehicleMode.Driving) StopLeg(v);
        v.Version++;
        v.Mode = VehicleMode.Driving;
        v.TargetKey = key;
        v.TargetIsParcelOnly = IsParcelOnly(stop);
        v.PendingStop = null;
        v.Leg = RouteLeg(v.Position, stop.Point);
        _queue.Add(new SimEvent(v.Leg.EndTicks, SimEventKind.VehicleArrive, v.Index, v.Version));
        return Task.CompletedTask;
    }

    private void GoHome(VehicleAgent v)
    {
        v.Version++;
        v.Mode = VehicleMode.Returning;
        v.TargetKey = null;
        v.TargetIsParcelOnly = false;
        v.Leg = RouteLeg(v.Position, v.Registration.Depot);
        _queue.Add(new SimEvent(v.Leg.EndTicks, SimEventKind.VehicleArrive, v.Index, v.Version));
    }

    /// <summary>The road path between two points; a straight line at 30 km/h when the router finds none (never expected in the service area).</summary>
    private RoadLeg RouteLeg(GeoPoint from, GeoPoint to)
    {
        long start = _now;
        if (GeoMath.HaversineMetres(from, to) < SamePlaceMetres) return new RoadLeg([from, to], 0, 0, start);
        var route = _travel.Route([from, to]);
        if (route.Found && route.Points.Length > 0)
        {
            var points = new GeoPoint[route.Points.Length + 2];
            points[0] = from;
            route.Points.CopyTo(points, 1);
            points[^1] = to;
            // The dispatcher plans with table times between snapped points; the vehicle takes exactly as long, so a
            // plan that keeps its promises is driven as planned (the geometry only places the GPS fixes).
            var table = _travel.Table([from], [to]);
            double seconds = table.Duration(0, 0), tableMetres = table.Distance(0, 0);
            if (!double.IsFinite(seconds) || !double.IsFinite(tableMetres)) (seconds, tableMetres) = (route.DurationSeconds, route.DistanceMetres);
            if (_reality.IsExact) return new RoadLeg(points, seconds, tableMetres, start);
            // The simulated world: the same path, timed by the reality (noise, class bias) instead of the plan.
            var (planned, truth) = _reality.Timing(points, seconds);
            return new RoadLeg(points, truth, planned, seconds, tableMetres, start, seconds);
        }
        double metres = GeoMath.HaversineMetres(from, to);
        return new RoadLeg([from, to], metres / (30 / 3.6), metres, start);
    }

    /// <summary>
    /// Reports a driving vehicle's GPS fix and makes the rest of its drive take exactly the dispatcher's table time
    /// from the reported point. The dispatcher forecasts every later stop from the last fix and keeps a pickup no
    /// earlier than its last forecast (<c>DispatchEngine.Reschedule</c>), so a fix whose table time differs from the
    /// time the vehicle really needs turns into either promises the vehicle cannot keep (fix ahead of the vehicle)
    /// or a delay the vehicle then obeys (fix behind it). Speeds vary along the road while the geometry is timed
    /// evenly by distance, so the point is found on the path by the table time left: a bisection over the
    /// geometry (the time left falls along a fastest path), then linear along the segment found.
    /// </summary>
    private async Task ReportFixAsync(VehicleAgent v) => await _gateway.ReportPositionAsync(v.Id, FixOf(v), _ct).ConfigureAwait(false);

    /// <summary>The fix a driving vehicle reports now (its leg re-timed from there when the world is exact).</summary>
    private GeoPoint FixOf(VehicleAgent v)
    {
        v.LastFixTicks = _now;
        // In a world that differs from the plan the fix is where the vehicle truly is, and the engine re-forecasts from it.
        return _reality.IsExact ? AlignLeg(v) : v.Leg!.PositionAt(_now);
    }

    /// <summary>The point to report for a driving vehicle now; re-times its leg from there (see <see cref="ReportFixAsync"/>).</summary>
    private GeoPoint AlignLeg(VehicleAgent v)
    {
        var leg = v.Leg!;
        if (leg.StartTicks >= _now) return leg.Points[0];
        if (leg.EndTicks <= _now) return leg.End;
        var points = leg.Points;
        var end = leg.End;
        double left = (leg.EndTicks - _now) / (double)TimeSpan.TicksPerSecond;
        int lo = 0, hi = points.Length - 1;
        double leftAtLo = leg.DurationSeconds, leftAtHi = 0;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            double r = _travel.Table([points[mid]], [end]).Duration(0, 0);
            if (!double.IsFinite(r)) return leg.PositionAt(_now);
            if (r >= left) (lo, leftAtLo) = (mid, r);
            else (hi, leftAtHi) = (mid, r);
        }
        double f = leftAtLo > leftAtHi ? Math.Clamp((leftAtLo - left) / (leftAtLo - leftAtHi), 0, 1) : 0;
        var a = points[lo];
        var b = points[hi];
        GeoPoint at = default;
        double seconds = double.NaN, metres = double.NaN;
        // The router counts whole milliseconds, so the interpolated point may need a hair longer than the vehicle
        // has; a fix must never make the vehicle later than its plan (a promise may have no slack), so the point
        // moves on towards the next node until it does not (the vehicle then gets there that much sooner).
        for (int k = 0; k <= 8; k++)
        {
            double g = f + (1 - f) * k / 8;
            at = new GeoPoint(a.Latitude + g * (b.Latitude - a.Latitude), a.Longitude + g * (b.Longitude - a.Longitude));
            if (k == 8) at = b;
            var table = _travel.Table([at], [end]);
            (seconds, metres) = (table.Duration(0, 0), table.Distance(0, 0));
            if (double.IsFinite(seconds) && double.IsFinite(metres) && seconds <= left) break;
        }
        if (!double.IsFinite(seconds) || !double.IsFinite(metres) || seconds > left) return leg.PositionAt(_now);

        Account(v, leg.DistanceMetres * leg.DistanceShare(_now), (_now - leg.StartTicks) / (double)TimeSpan.TicksPerSecond);
        v.AppendTrack(points[..(lo + 1)]);
        var rest = new GeoPoint[points.Length - hi + 1];
        rest[0] = at;
        points[hi..].CopyTo(rest.AsSpan(1));
        v.Position = at;
        v.Leg = new RoadLeg(rest, seconds, metres, _now);
        v.Version++;
        _queue.Add(new SimEvent(v.Leg.EndTicks, SimEventKind.VehicleArrive, v.Index, v.Version));
        return at;
    }

    /// <summary>Ends the current leg at the present time: counts the kilometres driven and moves the vehicle there.</summary>
    private void StopLeg(VehicleAgent v)
    {
        var leg = v.Leg;
        if (leg is null) return;
        var position = leg.PositionAt(_now);
        double elapsed = Math.Max(0, (_now - leg.StartTicks) / (double)TimeSpan.TicksPerSecond);
        Account(v, leg.DistanceMetres * leg.DistanceShare(_now), elapsed);
        if (_now > leg.StartTicks) v.TrafficDelaySeconds += elapsed - leg.PlannedSecondsDoneAt(_now);
        v.AppendTrack(leg.Points[..Math.Min(leg.Points.Length, leg.PointsDoneAt(_now))]);
        v.Track.Add(position);
        v.Position = position;
        v.Leg = null;
    }

    /// <summary>Kilometre bookkeeping of a driven stretch, from the simulator's own on-board list.</summary>
    private void Account(VehicleAgent v, double metres, double seconds)
    {
        v.Metres += metres;
        int riders = 0, groups = 0;
        foreach (int i in v.OnBoard)
        {
            if (_trips[i].IsParcel) continue;
            riders += _trips[i].Trip.Passengers + _trips[i].Trip.WheelchairPlaces;
            groups++;
        }
        if (v.OnBoard.Count == 0) v.EmptyMetres += metres;
        v.PassengerMetres += metres * riders;
        foreach (int i in v.OnBoard)
        {
            var t = _trips[i];
            if (t.IsParcel) continue;
            t.RideMetres += metres;
            if (groups >= 2) t.PooledMetres += metres;
            if (v.TargetIsParcelOnly) t.ParcelDelaySeconds += seconds;
        }
    }

    private async Task ArriveAsync(VehicleAgent v, int version)
    {
        if (version != v.Version || v.Leg is null) return;
        var leg = v.Leg;
        Account(v, leg.DistanceMetres, leg.DurationSeconds);
        v.TrafficDelaySeconds += leg.DurationSeconds - leg.PlannedSeconds;
        v.AppendTrack(leg.Points);
        v.Position = leg.End;
        v.Leg = null;
        if (v.Mode == VehicleMode.Returning)
        {
            await _gateway.EndShiftAsync(v.Id, _ct).ConfigureAwait(false);
            v.Mode = VehicleMode.Done;
            v.ShiftEndedTicks = _now;
            return;
        }

        var manifest = await _gateway.GetManifestAsync(v.Id, _ct).ConfigureAwait(false);
        var stops = manifest.IsSuccess ? manifest.Value!.Stops : default;
        if (stops.IsDefaultOrEmpty)
        {
            v.Mode = VehicleMode.Idle;
            v.TargetKey = null;
            if (v.ShiftOver) GoHome(v);
            return;
        }
        var stop = stops[0];
        if (GeoMath.HaversineMetres(stop.Point, v.Position) > SamePlaceMetres)
        {
            await DriveToAsync(v, stop, KeyOf(stop)).ConfigureAwait(false);
            return;
        }

        v.Stops.Add(stop.Point);
        var first = stop.Alight.Length > 0 ? stop.Alight[0] : stop.Board[0];
        var arrived = await _gateway.ReportStopEventAsync(new StopEvent(v.Id, StopEventKind.Arrived, first.SubjectId), _ct).ConfigureAwait(false);
        if (!arrived.IsSuccess) Problem($"{v.Id} arrived at {first.SubjectId}", arrived.Error);
        v.Mode = VehicleMode.Serving;
        v.Progressed = false;
        v.Work.Clear();
        v.WorkIsBoarding = false;
        foreach (var entry in stop.Alight) v.Work.Enqueue(entry);
        await ServeNextAsync(v).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts serving the next rider or parcel of the stop, or moves on when none is left: from the drop-offs to
    /// the boardings of the same stop, from the boardings to the departure. Each service takes its planned time and
    /// is reported when it ends (<see cref="ServiceDoneAsync"/>): the dispatcher takes a boarding's report time as
    /// the pickup's departure (the start of the ride, Cordeau 2006) and re-plans the rest of the route from there,
    /// so reporting at the start would let its forecast run one service time ahead of the vehicle at every stop.
    /// </summary>
    private async Task ServeNextAsync(VehicleAgent v)
    {
        while (v.Work.TryPeek(out var entry))
        {
            if (_tripBySubject.TryGetValue(entry.SubjectId, out int i) && (v.WorkIsBoarding ? _trips[i].Booked : _trips[i].Outcome is null))
            {
                var t = _trips[i];
                if (v.WorkIsBoarding)
                {
                    // The driver starts this boarding now: reporting arrival for it lets the dispatcher hold the stop
                    // (it no longer re-plans it later than planned) until the boarding is reported.
                    var here = await _gateway.ReportStopEventAsync(new StopEvent(v.Id, StopEventKind.Arrived, entry.SubjectId), _ct).ConfigureAwait(false);
                    if (!here.IsSuccess) Problem($"{v.Id} arrived at {entry.SubjectId}", here.Error);
                }
                double seconds;
                if (v.WorkIsBoarding && t.WillNoShow && !t.IsParcel) seconds = _scenario.Settings.Riders.NoShowWaitS;
                else
                {
                    double planned = ServiceSeconds(t, boarding: v.WorkIsBoarding);
                    seconds = v.WorkIsBoarding
                        ? _reality.BoardingSeconds(t.Trip.Passengers, t.Trip.WheelchairPlaces, t.IsParcel, planned)
                        : _reality.AlightingSeconds(t.Trip.Passengers, t.Trip.WheelchairPlaces, t.IsParcel, planned);
                    v.DwellDelaySeconds += seconds - planned;
                }
                v.ServiceStartTicks = _now;
                _queue.Add(new SimEvent(_now + Seconds(seconds), SimEventKind.ServiceDone, v.Index, v.Version));
                return;
            }
            v.Work.Dequeue();
            if (v.WorkIsBoarding) Problem($"{v.Id} manifest lists unknown or finished {entry.SubjectId}", null);
        }
        if (!v.WorkIsBoarding)
        {
            var after = await SameStopAsync(v).ConfigureAwait(false);
            if (after is not null && after.Board.Length > 0)
            {
                v.ReadyTicks = _now;
                ScheduleBoarding(v, after);
                return;
            }
        }
        // A stop the dispatcher refused every event for stays in the manifest: retry later instead of looping at one instant.
        long wait = v.Progressed ? 0 : Seconds(RetrySeconds);
        _queue.Add(new SimEvent(_now + wait, SimEventKind.VehicleDepart, v.Index, v.Version));
    }

    /// <summary>Reports the service that just ended at the stop, books it, and goes on with the next one.</summary>
    private async Task ServiceDoneAsync(VehicleAgent v, int version)
    {
        if (version != v.Version || v.Mode != VehicleMode.Serving || !v.Work.TryDequeue(out var entry)) return;
        var t = _trips[_tripBySubject[entry.SubjectId]];
        if (v.WorkIsBoarding && t.Outcome is not null)
        {
            // The rider cancelled while the driver was boarding: the dispatcher dropped the stop, so there is nothing
            // to report, and the stop is done (waiting for a retry would delay every rider after it).
            v.Progressed = true;
            await ServeNextAsync(v).ConfigureAwait(false);
            return;
        }
        var started = new DateTimeOffset(v.ServiceStartTicks, TimeSpan.Zero);
        StopEventKind kind;
        if (!v.WorkIsBoarding) kind = t.IsParcel ? StopEventKind.ParcelHandedOver : StopEventKind.DroppedOff;
        else if (t.WillNoShow && !t.IsParcel) kind = StopEventKind.NoShow;
        else kind = t.IsParcel ? StopEventKind.ParcelPickedUp : StopEventKind.Boarded;
        var r = await _gateway.ReportStopEventAsync(new StopEvent(v.Id, kind, entry.SubjectId), _ct).ConfigureAwait(false);
        if (!r.IsSuccess) Problem($"{v.Id} {kind} {entry.SubjectId}", r.Error);
        else
        {
            v.Progressed = true;
            switch (kind)
            {
                case StopEventKind.DroppedOff or StopEventKind.ParcelHandedOver:
                    Unload(v, t);
                    t.DropoffTime = started;
                    CheckDropoff(v, t, started);
                    t.Outcome = TripOutcome.Served;
                    if (t.IsParcel && t.PromisedUntil is { } by && started > by) t.Reason = "late";
                    break;
                case StopEventKind.NoShow:
                    Finish(t, TripOutcome.NoShow, "rider_absent");
                    break;
                default:
                    t.PickupTime = started;
                    CheckPickup(v, t, started);
                    t.PickupVehicleId = v.Id;
                    t.VehicleId = v.Id;
                    if (t.Trip.Kind == TripKind.Pupil) v.CarriedPupils = true;
                    v.OnBoard.Add(t.Index);
                    v.Load += t.Load;
                    if (!v.Load.FitsWithin(v.Registration.Capacity)) v.CapacityViolations++;
                    v.MaxSeatsUsed = Math.Max(v.MaxSeatsUsed, v.Load.Seats);
                    break;
            }
        }
        await ServeNextAsync(v).ConfigureAwait(false);
    }

    /// <summary>
    /// Boarding starts when the dispatcher's plan starts it (<see cref="ManifestStop.BoardingStart"/>: the first
    /// pickup's window opening, or later when it delays pickups to keep riders already on board within their
    /// ride-time limit, Cordeau &amp; Laporte 2003), and not before the vehicle is ready; the simulator does not re-derive
    /// it from the windows. Re-planned when the plan changes.
    /// </summary>
    private void ScheduleBoarding(VehicleAgent v, ManifestStop stop)
    {
        long boardAt = Math.Max(Math.Max(v.ReadyTicks, _now), stop.BoardingStart?.UtcTicks ?? _now);
        v.Version++;
        v.PendingStop = stop;
        v.TargetKey = KeyOf(stop);
        v.Mode = boardAt > _now ? VehicleMode.Waiting : VehicleMode.Serving;
        _queue.Add(new SimEvent(boardAt, SimEventKind.VehicleBoard, v.Index, v.Version));
    }

    /// <summary>The manifest's first stop if it is still where the vehicle stands (after the drop-offs there).</summary>
    private async Task<ManifestStop?> SameStopAsync(VehicleAgent v)
    {
        var manifest = await _gateway.GetManifestAsync(v.Id, _ct).ConfigureAwait(false);
        if (!manifest.IsSuccess || manifest.Value!.Stops.IsDefaultOrEmpty) return null;
        var stop = manifest.Value.Stops[0];
        return GeoMath.HaversineMetres(stop.Point, v.Position) <= SamePlaceMetres ? stop : null;
    }

    private async Task BoardAsync(VehicleAgent v, int version)
    {
        if (version != v.Version || v.PendingStop is not { } stop) return;
        v.Mode = VehicleMode.Serving;
        v.PendingStop = null;
        v.Progressed = false;
        v.Work.Clear();
        v.WorkIsBoarding = true;
        foreach (var entry in stop.Board)
            if (entry.PromisedFrom is not { } from || from.UtcTicks <= _now) v.Work.Enqueue(entry);
        await ServeNextAsync(v).ConfigureAwait(false);
    }

    private async Task DepartAsync(VehicleAgent v, int version)
    {
        if (version != v.Version || v.Mode != VehicleMode.Serving) return;
        v.Mode = VehicleMode.Idle;
        v.TargetKey = null;
        await RefreshAsync(v).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the dispatcher every moving vehicle's position at this instant before it plans a new trip: it plans
    /// from the last fix, and a fix up to a report interval old would let it divert a vehicle from where it no
    /// longer is (and break promises the simulation then checks).
    /// </summary>
    private async Task FreshFixesAsync()
    {
        if (Concurrency.Batched)
        {
            await SendFixesAsync([.. _vehicles.Where(v => v.Mode == VehicleMode.Driving && v.Leg is not null && v.LastFixTicks != _now && !IsSilent(v))])
                .ConfigureAwait(false);
            return;
        }
        foreach (var v in _vehicles)
        {
            if (v.Mode != VehicleMode.Driving || v.Leg is null || v.LastFixTicks == _now || IsSilent(v)) continue;
            await ReportFixAsync(v).ConfigureAwait(false);
        }
    }

    private static void Unload(VehicleAgent v, TripState t)
    {
        if (v.OnBoard.Remove(t.Index)) v.Load -= t.Load;
    }

    private double ServiceSeconds(TripState t, bool boarding)
    {
        var o = _scenario.Options;
        if (t.IsParcel) return o.ParcelHandlingTime.TotalSeconds;
        return (boarding ? o.BoardingTime : o.AlightingTime).TotalSeconds;
    }

    private static long Seconds(double s) => (long)Math.Round(s * TimeSpan.TicksPerSecond);

    private static bool IsParcelOnly(ManifestStop stop)
    {
        foreach (var e in stop.Board) if (!e.IsParcel) return false;
        foreach (var e in stop.Alight) if (!e.IsParcel) return false;
        return stop.Board.Length + stop.Alight.Length > 0;
    }

    /// <summary>Identity of a manifest stop: its place and who gets on and off there.</summary>
    private static string KeyOf(ManifestStop stop)
    {
        var sb = new StringBuilder(96);
        sb.Append(stop.Point.Latitude.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
          .Append(stop.Point.Longitude.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var e in stop.Alight) sb.Append("|-").Append(e.SubjectId);
        foreach (var e in stop.Board) sb.Append("|+").Append(e.SubjectId);
        return sb.ToString();
    }
}
