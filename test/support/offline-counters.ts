import { existsSync, readFileSync } from 'node:fs';
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
