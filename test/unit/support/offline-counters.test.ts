import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { chromiumNetwork } from '../../support/offline-counters';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('handrail-counter-lines-');
afterAll(() => temp.remove());

/** strace -f lines as a traced Chromium wrote them (pids padded when several processes run). */
const lines = [
  '7349  connect(29<UDP:[0.0.0.0:25245]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
  '7349  sendto(29<UDP:[0.0.0.0:25245]>, "\\246\\377\\1\\0"..., 39, 0, NULL, 0) = 39',
  '7241 sendmmsg(91<UDP:[192.0.2.2:55826->10.255.255.53:53]>,  <unfinished ...>',
  '7350  connect(31<UDP:[0.0.0.0:4000]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
];

/**
 * The DNS counter of the offline suite reads strace's lines whether the pid is followed by one
 * space or padded with two (a clean CI run missed 52 lines naming port 53 when only one was read).
 */
test('counts queries in strace lines with padded and unpadded pids, and a UDP connect alone as a route probe', () => {
  const dir = join(temp.path, 'traces');
  mkdirSync(dir);
  writeFileSync(join(dir, 'chromium.1.strace'), `${lines.join('\n')}\n`);
  const network = chromiumNetwork(dir);
  expect(network.traces).toBe(1);
  expect(network.dnsQueries.map((call) => call.call)).toEqual(['sendto', 'sendmmsg']);
  expect(network.routeProbes.map((call) => call.port)).toEqual([443]);
});
