#!/usr/bin/env node
// The `handrail` command. The CLI is bundled by `npm run build`; from a fresh checkout, build first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unsupportedNode } from './supported-node.js';

const unsupported = unsupportedNode();
if (unsupported !== undefined) {
  console.error(`handrail: ${unsupported}`);
  process.exit(2);
}

const cli = fileURLToPath(new URL('../dist/host/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('handrail: the CLI is not built yet. Run `npm run build` in the Handrail folder first.');
  process.exit(2);
}
await import(cli);
