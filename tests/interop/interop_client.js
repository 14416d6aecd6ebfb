#!/usr/bin/env node
// Interop client: calls every RPC of the gRPC layer's test service with the official Node.js implementation
// (@grpc/grpc-js) and prints one JSON object with the outcome of each call. The xunit test
// InteropTests (tests/DemandMobility.Rpc.Tests) starts our Kestrel server and asserts on this output.
//
// Usage: node interop_client.js HOST:PORT [--proto FILE] [--service package.Service]
//                                         [--tls-ca PEM_FILE [--tls-name SERVER_NAME]]
// Without --tls-ca the client speaks cleartext HTTP/2 (h2c); with it, TLS trusting that certificate, and
// --tls-name overrides the name checked against the server certificate (e.g. localhost when dialling 127.0.0.1).
//
// To cover another service, add a proto/service pair and rows to a table like CALLS below: each row names a
// call, says which RPC it uses and how (unary / serverStream / clientStream / duplex), and what to send.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseArgs(argv) {
  const args = { target: null, proto: path.join(__dirname, '../DemandMobility.Rpc.Tests/Protos/rpc_test.proto'),
    service: 'demandmobility.rpctest.v1.TestService', tlsCa: null, tlsName: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--proto') args.proto = argv[++i];
    else if (argv[i] === '--tls-ca') args.tlsCa = argv[++i];
    else if (argv[i] === '--tls-name') args.tlsName = argv[++i];
    else if (argv[i] === '--service') args.service = argv[++i];
    else args.target = argv[i];
  }
  if (!args.target) {
    process.stderr.write('usage: node interop_client.js HOST:PORT [--proto FILE] [--service package.Service]\n');
    process.exit(2);
  }
  return args;
}

function loadService(protoFile, serviceName) {
  const definition = protoLoader.loadSync(protoFile,
    { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
  const loaded = grpc.loadPackageDefinition(definition);
  const ctor = serviceName.split('.').reduce((node, part) => node && node[part], loaded);
  if (!ctor) throw new Error(`service ${serviceName} not found in ${protoFile}`);
  return ctor;
}

function deadlineIn(ms) { return new Date(Date.now() + ms); }

function metadataOf(pairs) {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(pairs || {})) md.add(k, v);
  return md;
}

function errorResult(err) {
  return { ok: false, code: err.code, codeName: grpc.status[err.code], details: err.details,
    trailers: err.metadata ? err.metadata.getMap() : {} };
}

// Each runner resolves to a plain JSON-able result and never rejects: a failed call is a result too.
const runners = {
  unary: (client, row) => new Promise((resolve) => {
    // grpc-js calls back before it emits 'status' (which carries the trailers): resolve once both happened.
    let outcome = null;
    let headers = {};
    let trailers = null;
    const finish = () => {
      if (!outcome || !trailers) return;
      resolve(outcome.err ? { ...errorResult(outcome.err), headers }
        : { ok: true, response: summarize(row, outcome.reply), headers, trailers });
    };
    const call = client[row.rpc](row.request, metadataOf(row.metadata), callOptions(row), (err, reply) => {
      outcome = { err, reply };
      finish();
    });
    call.on('metadata', (md) => { headers = md.getMap(); });
    call.on('status', (status) => { trailers = status.metadata.getMap(); finish(); });
  }),

  serverStream: (client, row) => new Promise((resolve) => {
    const responses = [];
    const call = client[row.rpc](row.request, metadataOf(row.metadata), callOptions(row));
    call.on('data', (reply) => responses.push(reply));
    call.on('error', (err) => resolve({ ...errorResult(err), responses }));
    call.on('status', (status) => { if (status.code === grpc.status.OK) resolve({ ok: true, responses }); });
  }),

  clientStream: (client, row) => new Promise((resolve) => {
    const call = client[row.rpc](metadataOf(row.metadata), callOptions(row), (err, reply) => {
      resolve(err ? errorResult(err) : { ok: true, response: reply });
    });
    for (const request of row.requests) call.write(request);
    call.end();
  }),

  duplex: (client, row) => new Promise((resolve) => {
    const responses = [];
    const call = client[row.rpc](metadataOf(row.metadata), callOptions(row));
    call.on('data', (reply) => responses.push(reply));
    call.on('error', (err) => resolve({ ...errorResult(err), responses }));
    call.on('status', (status) => { if (status.code === grpc.status.OK) resolve({ ok: true, responses }); });
    for (const request of row.requests) call.write(request);
    call.end();
  }),

  // A method the server does not know: built by hand because the .proto has no such RPC.
  rawUnary: (client, row) => new Promise((resolve) => {
    client.makeUnaryRequest(row.path, (msg) => Buffer.from([]), (buf) => ({ bytes: buf.length }), {},
      metadataOf(row.metadata), callOptions(row), (err, reply) => resolve(err ? errorResult(err) : { ok: true, response: reply }));
  }),
};

function summarize(row, reply) { return row.summarize ? row.summarize(reply) : reply; }

function callOptions(row) { return row.deadlineMs ? { deadline: deadlineIn(row.deadlineMs) } : {}; }

// The table of calls. `client` selects channel options (e.g. gzip-compressed requests).
const CALLS = [
  { name: 'unary', kind: 'unary', rpc: 'Echo', request: { text: 'hallo von node' },
    metadata: { authorization: 'Bearer interop-token', 'x-want-headers': '1' } },
  { name: 'unaryGzip', kind: 'unary', rpc: 'Echo', client: 'gzip', request: { text: 'z'.repeat(5000) },
    summarize: (reply) => ({ textLength: reply.text.length, allZ: /^z*$/.test(reply.text) }) },
  { name: 'serverStream', kind: 'serverStream', rpc: 'Countdown', request: { from: 4 } },
  { name: 'serverStreamError', kind: 'serverStream', rpc: 'Countdown', request: { from: 5, failAfter: 2 } },
  { name: 'clientStream', kind: 'clientStream', rpc: 'Sum', requests: [1, 2, 3, 4, 5].map((v) => ({ value: v })) },
  { name: 'duplex', kind: 'duplex', rpc: 'Chat', requests: [{ text: 'a' }, { text: 'b' }] },
  { name: 'errorStatus', kind: 'unary', rpc: 'Echo',
    request: { failCode: 5, failMessage: 'Fahrt fällt aus: 100% – Ersatzverkehr 🚌' } },
  { name: 'deadline', kind: 'unary', rpc: 'Echo', request: { text: 'slow', delayMs: 20000 }, deadlineMs: 500 },
  { name: 'unimplemented', kind: 'rawUnary', path: '/demandmobility.rpctest.v1.TestService/Missing' },
];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const Service = loadService(args.proto, args.service);
  const credentials = args.tlsCa
    ? grpc.credentials.createSsl(fs.readFileSync(args.tlsCa))
    : grpc.credentials.createInsecure();
  const base = args.tlsName ? { 'grpc.ssl_target_name_override': args.tlsName } : {};
  const clients = {
    default: new Service(args.target, credentials, base),
    // 2 = gzip in grpc-js's compression algorithm enum.
    gzip: new Service(args.target, credentials, { ...base, 'grpc.default_compression_algorithm': 2 }),
  };
  const results = {};
  for (const row of CALLS) {
    try {
      results[row.name] = await runners[row.kind](clients[row.client || 'default'], row);
    } catch (err) {
      results[row.name] = { ok: false, exception: String(err && err.stack || err) };
    }
  }
  for (const client of Object.values(clients)) client.close();
  process.stdout.write(JSON.stringify({ target: args.target, tls: Boolean(args.tlsCa), grpcJsVersion: require('@grpc/grpc-js/package.json').version,
    results }, null, 2) + '\n');
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
