#!/usr/bin/env node
// Dispatch interop client: calls EVERY RPC of the four DemandMobility services (BookingService, ParcelService,
// FleetService, MonitorService) with the official Node.js gRPC implementation (@grpc/grpc-js + proto-loader),
// loading our real .proto files, and prints one JSON object with each call's outcome. The xunit test
// DispatchInteropTests (tests/DemandMobility.Server.Tests/Integration) starts the dispatch server, mints the
// tokens and asserts on this output. It can also be pointed at a running server by hand.
//
// Usage: node dispatch_client.js HOST:PORT --tokens TOKENS.json [--now ISO-8601]
// TOKENS.json: {"rider": "...", "otherRider": "...", "dispatcher": "...", "planner": "...", "shop": "...",
//               "driver": "...", "driverVehicle": "bus-node"}; the driver token must carry the vehicle claim
// driverVehicle, which the script registers. --now is the server's current time (default: this machine's clock).
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.join(__dirname, '../../src/DemandMobility.Contracts/Protos');

function parseArgs(argv) {
  const args = { target: null, tokens: null, now: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tokens') args.tokens = argv[++i];
    else if (argv[i] === '--now') args.now = argv[++i];
    else args.target = argv[i];
  }
  if (!args.target || !args.tokens) {
    process.stderr.write('usage: node dispatch_client.js HOST:PORT --tokens TOKENS.json [--now ISO-8601]\n');
    process.exit(2);
  }
  return args;
}

function loadServices() {
  const files = ['booking.proto', 'parcels.proto', 'fleet.proto', 'monitor.proto'].map((f) => `demandmobility/v1/${f}`);
  const definition = protoLoader.loadSync(files,
    { includeDirs: [PROTO_ROOT], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  return grpc.loadPackageDefinition(definition).demandmobility.v1;
}

const args = parseArgs(process.argv.slice(2));
const tokens = JSON.parse(fs.readFileSync(args.tokens, 'utf8'));
const nowMs = args.now ? Date.parse(args.now) : Date.now();
const ts = (offsetMinutes) => ({ seconds: Math.floor((nowMs + offsetMinutes * 60000) / 1000), nanos: 0 });
const v1 = loadServices();
const credentials = grpc.credentials.createInsecure();
const clients = {
  booking: new v1.BookingService(args.target, credentials),
  parcels: new v1.ParcelService(args.target, credentials),
  fleet: new v1.FleetService(args.target, credentials),
  monitor: new v1.MonitorService(args.target, credentials),
};

function auth(token) {
  const md = new grpc.Metadata();
  if (token) md.add('authorization', `Bearer ${token}`);
  return md;
}
const options = () => ({ deadline: new Date(Date.now() + 20000) });
const failure = (err) => ({ ok: false, code: err.code, codeName: grpc.status[err.code], details: err.details });

function unary(client, rpc, request, token) {
  return new Promise((resolve) => {
    client[rpc](request, auth(token), options(), (err, reply) => resolve(err ? failure(err) : { ok: true, response: reply }));
  });
}

// Reads the first message of a server stream, then cancels the call (the stream would otherwise run for ever).
function firstOfStream(client, rpc, request, token) {
  return new Promise((resolve) => {
    const call = client[rpc](request, auth(token), options());
    let done = false;
    call.on('data', (message) => {
      if (done) return;
      done = true;
      resolve({ ok: true, response: message });
      call.cancel();
    });
    call.on('error', (err) => { if (!done) { done = true; resolve(failure(err)); } });
    call.on('end', () => { if (!done) { done = true; resolve({ ok: true, response: null }); } });
  });
}

function clientStream(client, rpc, messages, token) {
  return new Promise((resolve) => {
    const call = client[rpc](auth(token), options(), (err, reply) => resolve(err ? failure(err) : { ok: true, response: reply }));
    for (const m of messages) call.write(m);
    call.end();
  });
}

const origin = { point: { lat: 49.9852, lon: 11.5790 } };
const destination = { point: { lat: 50.0130, lon: 11.5200 } };
const quote = (key) => ({ origin, destination, earliest_departure: ts(30), passengers: 1, wheelchair_places: 0, luggage: 0, idempotency_key: key });

async function main() {
  const r = {};
  const { booking, parcels, fleet, monitor } = clients;

  // BookingService: two trips, one to cancel and one for the driver's stop event.
  r.requestQuote = await unary(booking, 'RequestQuote', quote('node-trip-a'), tokens.rider);
  const offerA = r.requestQuote.ok && r.requestQuote.response.offer;
  r.confirmOffer = await unary(booking, 'ConfirmOffer', { offer_id: offerA ? offerA.offer_id : 'none', idempotency_key: 'node-trip-a' }, tokens.rider);
  const bookingA = r.confirmOffer.ok ? r.confirmOffer.response : { booking_id: 'none' };
  r.getBooking = await unary(booking, 'GetBooking', { booking_id: bookingA.booking_id }, tokens.rider);
  r.watchBooking = await firstOfStream(booking, 'WatchBooking', { booking_id: bookingA.booking_id }, tokens.rider);
  r.getBookingOtherRider = await unary(booking, 'GetBooking', { booking_id: bookingA.booking_id }, tokens.otherRider);
  r.cancelBooking = await unary(booking, 'CancelBooking', { booking_id: bookingA.booking_id, reason: 'interop' }, tokens.rider);
  r.quoteWithoutToken = await unary(booking, 'RequestQuote', quote('node-anon'), null);
  r.quoteInvalid = await unary(booking, 'RequestQuote', { ...quote('node-bad'), passengers: 0 }, tokens.rider);

  const quoteB = await unary(booking, 'RequestQuote', quote('node-trip-b'), tokens.rider);
  const offerB = quoteB.ok && quoteB.response.offer;
  const confirmB = await unary(booking, 'ConfirmOffer', { offer_id: offerB ? offerB.offer_id : 'none', idempotency_key: 'node-trip-b' }, tokens.rider);
  const bookingB = confirmB.ok ? confirmB.response : { booking_id: 'none', vehicle_id: 'none' };

  // ParcelService.
  r.submitParcel = await unary(parcels, 'SubmitParcel', {
    from: origin, to: destination, size_units: 1, delivery_window: { start: ts(30), end: ts(300) },
    sender_reference: 'node-1', idempotency_key: 'node-parcel',
  }, tokens.shop);
  const parcel = r.submitParcel.ok && r.submitParcel.response.parcel ? r.submitParcel.response.parcel : { parcel_id: 'none' };
  r.getParcel = await unary(parcels, 'GetParcel', { parcel_id: parcel.parcel_id }, tokens.shop);
  r.cancelParcel = await unary(parcels, 'CancelParcel', { parcel_id: parcel.parcel_id }, tokens.shop);

  // FleetService.
  const vehicle = tokens.driverVehicle;
  r.registerVehicle = await unary(fleet, 'RegisterVehicle', {
    vehicle_id: vehicle, capacity: { seats: 6, wheelchair_places: 1, parcel_units: 2, luggage: 1 },
    depot: { lat: 49.983, lon: 11.585 }, shift: { start: ts(-60), end: ts(480) }, display_name: 'BT-NODE 1',
  }, tokens.dispatcher);
  r.startShift = await unary(fleet, 'StartShift', { vehicle_id: vehicle }, tokens.driver);
  r.reportPositions = await clientStream(fleet, 'ReportPositions', [
    { vehicle_id: vehicle, lat: 49.9840, lon: 11.5840, heading_deg: 90, speed_mps: 5, recorded_at: ts(-1), accuracy_m: 5 },
    { vehicle_id: vehicle, lat: 49.9845, lon: 11.5830, heading_deg: 90, speed_mps: 5, recorded_at: ts(0), accuracy_m: 5 },
  ], tokens.driver);
  r.watchManifest = await firstOfStream(fleet, 'WatchManifest', { vehicle_id: bookingB.vehicle_id, max_stops: 10 }, tokens.dispatcher);
  r.reportStopEvent = await unary(fleet, 'ReportStopEvent', {
    vehicle_id: bookingB.vehicle_id, stop_id: '', kind: 'STOP_EVENT_KIND_ARRIVED', booking_id: bookingB.booking_id,
    occurred_at: ts(0), event_id: 'node-arrived-1',
  }, tokens.dispatcher);
  r.startShiftOtherVehicle = await unary(fleet, 'StartShift', { vehicle_id: 'bus-1' }, tokens.driver);
  r.endShift = await unary(fleet, 'EndShift', { vehicle_id: vehicle }, tokens.driver);

  // MonitorService.
  r.watchFleet = await firstOfStream(monitor, 'WatchFleet', { vehicle_ids: [] }, tokens.planner);
  r.getKpis = await unary(monitor, 'GetKpis', { from: ts(-60 * 24), to: ts(60) }, tokens.planner);
  r.resetLearnedTravelTimesPlanner = await unary(monitor, 'ResetLearnedTravelTimes', {}, tokens.planner);
  r.resetLearnedTravelTimes = await unary(monitor, 'ResetLearnedTravelTimes', {}, tokens.dispatcher);

  process.stdout.write(JSON.stringify({ bookingB: bookingB.booking_id, results: r }, null, 2) + '\n');
  for (const c of Object.values(clients)) c.close();
}

main().catch((err) => {
  process.stderr.write(`dispatch_client failed: ${err.stack || err}\n`);
  process.exit(1);
});
