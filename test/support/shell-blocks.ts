import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGuide, parseRunbook } from '../../electron/host/runbook/index';
import type { Command, Runbook } from '../../shared/runbook/index';
import { skipReason } from './prerequisites';

/**
 * Real shell blocks to test the command splitter and the runner on: every runnable block of the
 * bundled templates, of the seed guides and the shared guides (imported as the app would), and
 * the shared guides' shell scripts whole. The shared folder sits beside the repository.
 */
export interface ShellBlock {
  source: string;
  text: string;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedDir = join(repoRoot, '..', 'shared');

/** Why the shared folder's blocks are left out (undefined when it is there); throws under CI. */
export function sharedBlocksMissing(): string | undefined {
  if (existsSync(join(sharedDir, 'seeds')) && existsSync(join(sharedDir, 'guides'))) return undefined;
  return skipReason({
    name: 'the shared folder (../shared/seeds, ../shared/guides)',
    path: undefined,
    install: 'place the team folder beside the repository',
  });
}

export function templateBlocks(): ShellBlock[] {
  const dir = join(repoRoot, 'resources', 'runbooks');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => {
      const file = join(dir, name);
      return blocksOf(parseRunbook(readFileSync(file), file), `resources/runbooks/${name}`);
    });
}

export function sharedBlocks(): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  for (const folder of ['seeds', 'guides']) {
    const dir = join(sharedDir, folder);
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (name.endsWith('.sh'))
        blocks.push({ source: `${folder}/${name}`, text: readFileSync(file, 'utf8') });
      else if (/\.(md|rst)$/.test(name) && name !== 'README.md')
        blocks.push(...blocksOf(importGuide(readFileSync(file), file).runbook, `${folder}/${name}`));
    }
  }
  return blocks;
}

function blocksOf(runbook: Runbook, source: string): ShellBlock[] {
  const commands: Command[] = runbook.phases.flatMap((phase) =>
    phase.steps.flatMap((step) => [
      ...step.commands,
      ...step.alternatives.flatMap((alternative) => alternative.commands),
      ...(step.rolling?.steps ?? []).flatMap((sub) => sub.commands),
    ]),
  );
  return commands
    .filter((command) => command.run)
    .map((command) => ({ source: `${source}:${command.source?.line ?? 0}`, text: command.text }));
}
