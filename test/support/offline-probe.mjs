// Preloaded into the host process by the e2e fixture only (`node --import <this> serve.js`):
// appends every outgoing TCP/UDP connection and DNS lookup the process attempts to the file
// named by HANDRAIL_OFFLINE_LOG, except to 127.0.0.1 (the browser-mode server's own address) and
// Unix sockets. The counts are read by test/support/offline-counters.ts. Not part of the app.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const log = process.env.HANDRAIL_OFFLINE_LOG;
const local = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

function record(kind, host, port) {
  if (log === undefined || local.has(String(host))) return;
  appendFileSync(log, `${JSON.stringify({ kind, host: String(host), port: port ?? null })}\n`);
}

/** net.Socket#connect(options | [options, cb] | port, host | path). */
function target(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object')
    return first.path ? undefined : [first.host ?? 'localhost', first.port];
  if (typeof first === 'number' || /^\d+$/.test(String(first)))
    return [typeof args[1] === 'string' ? args[1] : 'localhost', Number(first)];
  return undefined; // a Unix socket path
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(...args) {
  const where = target(args);
  if (where !== undefined) record('tcp', where[0], where[1]);
  return connect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function patchedSend(...args) {
  const address = args.find((value, index) => index > 0 && typeof value === 'string');
  const port = args.find((value, index) => index > 0 && typeof value === 'number' && value > 0);
  record('udp', address ?? 'connected socket', port);
  return send.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function patchedLookup(host, ...rest) {
  record('dns', host);
  return lookup.call(this, host, ...rest);
};
