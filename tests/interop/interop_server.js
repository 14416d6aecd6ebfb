#!/usr/bin/env node
// Interop server: the layer's test service implemented with the official Node.js library (@grpc/grpc-js), so
// that our C# client (RpcChannel) is checked against a third-party server too. Binds cleartext HTTP/2 on
// 127.0.0.1 with an OS-chosen port, prints {"port": N} as its first stdout line, and exits when stdin closes.
//
// Usage: node interop_server.js [--proto FILE]
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoIndex = process.argv.indexOf('--proto');
const protoFile = protoIndex > 0 ? process.argv[protoIndex + 1]
  : path.join(__dirname, '../DemandMobility.Rpc.Tests/Protos/rpc_test.proto');
const definition = protoLoader.loadSync(protoFile,
  { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
const pkg = grpc.loadPackageDefinition(definition).demandmobility.rpctest.v1;

function firstString(metadata, key) {
  const values = metadata.get(key);
  return values.length > 0 ? String(values[0]) : '';
}

// Same behaviour as TestServiceImpl.cs (tests/DemandMobility.Rpc.Tests/TestService).
const handlers = {
  Echo(call, callback) {
    const request = call.request;
    if (firstString(call.metadata, 'x-want-headers')) {
      const headers = new grpc.Metadata();
      headers.set('x-server-header', 'hello');
      headers.set('x-server-bin', Buffer.from([1, 2, 3, 255]));
      call.sendMetadata(headers);
    }
    const trailers = new grpc.Metadata();
    trailers.set('x-server-trailer', 'bye');
    let timer = null;
    call.on('cancelled', () => { if (timer) clearTimeout(timer); });
    timer = setTimeout(() => {
      if (request.failCode) {
        trailers.set('x-fail-trailer', 'failed');
        callback({ code: request.failCode, details: request.failMessage, metadata: trailers });
        return;
      }
      const bin = call.metadata.get('x-client-bin');
      callback(null, {
        text: request.text,
        authorization: firstString(call.metadata, 'authorization'),
        clientMeta: bin.length > 0 ? Buffer.from(bin[0]).toString('hex').toUpperCase() : firstString(call.metadata, 'x-client-meta'),
        payload: request.replyPayloadSize > 0 ? Buffer.alloc(request.replyPayloadSize) : request.payload,
        connectionId: 'node',
      }, trailers);
    }, request.delayMs || 0);
  },

  Countdown(call) {
    const request = call.request;
    let sent = 0;
    for (let value = request.from; value > 0; value--) {
      if (request.failAfter > 0 && sent === request.failAfter) {
        call.emit('error', { code: grpc.status.ABORTED, details: `stopped after ${sent} messages` });
        return;
      }
      call.write({ value });
      sent++;
    }
    call.end();
  },

  Sum(call, callback) {
    let total = 0n;
    let count = 0;
    call.on('data', (request) => { total += BigInt(request.value); count++; });
    call.on('end', () => callback(null, { total: total.toString(), count }));
  },

  Chat(call) {
    call.on('data', (request) => call.write({ text: 're: ' + request.text }));
    call.on('end', () => call.end());
  },
};

const server = new grpc.Server();
server.addService(pkg.TestService.service, handlers);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(String(err) + '\n');
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ port }) + '\n');
});

// The test owns this process through stdin: when it closes (test finished or crashed), shut down.
process.stdin.resume();
process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
process.stdin.on('close', () => server.tryShutdown(() => process.exit(0)));
