// Preloaded into the elizaOS child (node --import). Refuses every outbound TCP connection to a
// host that is not loopback, before any DNS lookup, so a forgotten telemetry or provider call
// fails loudly here instead of leaving the machine. Unix sockets are allowed.
import { readFileSync } from 'node:fs';
import net from 'node:net';

// The parent counts the output lines that contain it (it reads markers.json too).
const BLOCKED_PREFIX = JSON.parse(readFileSync(new URL('./markers.json', import.meta.url), 'utf8')).blockedConnection;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|\[::1\])$/i;

function targetOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    if (first.path) return null;
    return { host: first.host ?? 'localhost', port: first.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // a unix socket path
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const target = targetOf(args);
  if (target && !LOOPBACK.test(String(target.host))) {
    const error = new Error(`${BLOCKED_PREFIX} outbound connection to ${target.host}:${target.port}`);
    error.code = 'ECONNREFUSED';
    console.error(error.message);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
