import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../support/built-app';

/**
 * A bare page with xterm.js alone (its built UMD files from node_modules, the same version and
 * options as the app's terminals, the DOM renderer), served from Node on 127.0.0.1, and the bytes
 * to feed it at /data. `window.bench.feed()` writes them all and resolves with the milliseconds
 * from the first write to the frame after xterm parsed the last one.
 */
export interface BareXterm {
  url(width: number, height: number): string;
  close(): Promise<void>;
}

/** xterm.js's built files, as the pages here load them. */
export const xtermFiles: Record<string, [string, string]> = {
  '/xterm.js': ['node_modules/@xterm/xterm/lib/xterm.js', 'text/javascript'],
  '/xterm.css': ['node_modules/@xterm/xterm/css/xterm.css', 'text/css'],
  '/addon-fit.js': ['node_modules/@xterm/addon-fit/lib/addon-fit.js', 'text/javascript'],
};

/**
 * The start of a bench page: xterm.js sized by ?w=&h= with the options of
 * renderer/src/terminals/terminal-registry.ts, as `term`; the page's own script follows.
 */
export const xtermPageHead = `<!doctype html>
<meta charset="utf-8">
<link rel="stylesheet" href="/xterm.css">
<style>body { margin: 0 } #screen { position: absolute }</style>
<div id="screen"></div>
<script src="/xterm.js"></script>
<script src="/addon-fit.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  const screen = document.getElementById('screen');
  screen.style.width = params.get('w') + 'px';
  screen.style.height = params.get('h') + 'px';
  const term = new Terminal({ fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: 13, scrollback: 10000 });
  const Fit = window.FitAddon.FitAddon ?? window.FitAddon;
  const fit = new Fit();
  term.loadAddon(fit);
  term.open(screen);
  fit.fit();
`;

/** Answers a request for one of `xtermFiles`; false when the path is not one. */
export function serveXtermFile(path: string, response: ServerResponse): boolean {
  const file = xtermFiles[path];
  if (file === undefined) return false;
  response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(join(repoRoot, file[0])));
  return true;
}

const page = `${xtermPageHead}
  let chunks = [];
  window.bench = {
    size: () => ({ cols: term.cols, rows: term.rows }),
    async load() {
      const bytes = new Uint8Array(await (await fetch('/data')).arrayBuffer());
      const decoder = new TextDecoder();
      chunks = [];
      for (let at = 0; at < bytes.length; at += 65536)
        chunks.push(decoder.decode(bytes.subarray(at, at + 65536), { stream: true }));
      return bytes.length;
    },
    feed() {
      return new Promise((resolve) => {
        const started = performance.now();
        let pending = chunks.length;
        for (const chunk of chunks)
          term.write(chunk, () => {
            if (--pending === 0) requestAnimationFrame(() => resolve(performance.now() - started));
          });
      });
    },
  };
</script>`;

export async function serveBareXterm(data: () => Buffer): Promise<BareXterm> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (path === '/data')
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data());
    else if (!serveXtermFile(path, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: (width, height) => `http://127.0.0.1:${port}/?w=${width}&h=${height}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
