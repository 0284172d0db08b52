import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The preload that records the host process's outgoing connections (see the file). */
export const offlineProbe = fileURLToPath(new URL('./offline-probe.mjs', import.meta.url));

/** URLs the page requested that are not the host's own origin (http or ws); data:, blob: and about: never leave the page. */
export function requestsOffHost(urls: readonly string[], origin: string): string[] {
  const host = new URL(origin).host;
  return urls.filter((url) => {
    const parsed = new URL(url);
    if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return false;
    return parsed.host !== host;
  });
}

export interface HostConnection {
  kind: 'tcp' | 'udp' | 'dns';
  host: string;
  port: number | null;
}

/** What the probe recorded, without connections to the allowed hosts (the configured SSH targets). */
export function hostConnectionsOffHost(
  logFile: string,
  allowedHosts: readonly string[] = [],
): HostConnection[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as HostConnection)
    .filter((connection) => !allowedHosts.includes(connection.host));
}

/** The wrapper that runs the host's PDF Chromium under strace (see the script). */
export const tracedChromium = fileURLToPath(new URL('./traced-chromium.sh', import.meta.url));

/** One network system call of the traced Chromium, as strace printed it. */
export interface TracedCall {
  call: string;
  protocol: 'tcp' | 'udp' | 'unix' | 'other';
  address: string;
  port: number | null;
  line: string;
}

export interface ChromiumNetwork {
  /** Datagrams to port 53, TCP connections to it, and connections to a local resolver's socket. */
  dnsQueries: TracedCall[];
  /** TCP connections off loopback, and datagrams sent off loopback. */
  offLoopback: TracedCall[];
  /**
   * UDP sockets connected off loopback on which nothing was ever sent. A UDP connect() sends no
   * packet: the kernel only picks a route. Chromium does this to learn whether IPv6 is reachable
   * (its resolver's "IPv6 reachability check", to 2001:4860:4860::8888 port 443), whatever
   * its flags; it is counted apart, and it is not a connection.
   */
  routeProbes: TracedCall[];
  /** Trace files read (one per Chromium started). */
  traces: number;
}

const resolverSockets = /nscd\/socket|systemd\/resolve|resolv/;

/** What the traced Chromium processes did on the network, from the strace files in the folder. */
export function chromiumNetwork(traceDir: string): ChromiumNetwork {
  const result: ChromiumNetwork = { dnsQueries: [], offLoopback: [], routeProbes: [], traces: 0 };
  if (!existsSync(traceDir)) return result;
  for (const name of readdirSync(traceDir).filter((file) => file.endsWith('.strace'))) {
    result.traces += 1;
    countTrace(readFileSync(join(traceDir, name), 'utf8'), result);
  }
  return result;
}

function countTrace(text: string, result: ChromiumNetwork): void {
  // Per process and descriptor: where its UDP socket is connected, and whether it sent anything.
  const connectedUdp = new Map<string, { call: TracedCall; sent: boolean }>();
  const settle = (key: string): void => {
    const socket = connectedUdp.get(key);
    connectedUdp.delete(key);
    if (socket !== undefined && !socket.sent && !isLoopback(socket.call.address))
      result.routeProbes.push(socket.call);
  };
  for (const line of text.split('\n')) {
    const call = parseCall(line);
    if (call === undefined) continue;
    const key = `${line.split(/\s/)[0]}:${/\((\d+)</.exec(line)?.[1] ?? ''}`;
    if (call.call === 'connect') {
      if (call.protocol === 'udp') {
        // Not yet a query: the datagram sent on it is (a connect alone is a route probe).
        settle(key);
        connectedUdp.set(key, { call, sent: false });
      } else if (call.protocol === 'unix') {
        if (resolverSockets.test(call.address)) result.dnsQueries.push(call);
      } else {
        if (call.port === 53) result.dnsQueries.push(call);
        if (!isLoopback(call.address)) result.offLoopback.push(call);
      }
      continue;
    }
    if (call.protocol !== 'udp') continue;
    // A datagram goes to its own address, or to where its socket was connected.
    const connected = connectedUdp.get(key);
    if (call.address === '' && connected !== undefined) connected.sent = true;
    const to = call.address === '' ? connected?.call : call;
    if (to === undefined || to.address === '') continue;
    const sent = { ...call, address: to.address, port: to.port };
    if (sent.port === 53) result.dnsQueries.push(sent);
    if (!isLoopback(sent.address)) result.offLoopback.push(sent);
  }
  for (const key of [...connectedUdp.keys()]) settle(key);
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/**
 * One strace line (`PID call(FD<PROTO:[...]>, ...`) as a network call, or undefined for writes to
 * files and pipes, and for the second half of a call strace split (`<... resumed>`).
 */
function parseCall(line: string): TracedCall | undefined {
  const head = /^\d+\s+(connect|sendto|sendmsg|sendmmsg|write)\(\d+<([A-Za-z0-9]+):\[([^\]]*)\]>/.exec(line);
  if (head === null) return undefined;
  const [, call, kind, endpoints] = head as unknown as [string, string, string, string];
  const protocol = /^UDP/.test(kind) ? 'udp' : /^TCP/.test(kind) ? 'tcp' : kind === 'UNIX' ? 'unix' : 'other';
  if (protocol === 'other' || (call === 'write' && protocol !== 'udp')) return undefined;
  const inet = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)")/.exec(
    line,
  );
  const unixPath = /sun_path="([^"]*)"/.exec(line);
  // sendmmsg and write on a connected socket: -yy shows the peer as "local->remote:port".
  const peer = /->\[?([0-9a-fA-F.:]+?)\]?:(\d+)$/.exec(endpoints);
  const address = inet?.[2] ?? inet?.[3] ?? unixPath?.[1] ?? peer?.[1] ?? '';
  const port = inet?.[1] !== undefined ? Number(inet[1]) : peer?.[2] !== undefined ? Number(peer[2]) : null;
  return { call, protocol, address, port, line };
}
