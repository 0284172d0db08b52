import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentRepository } from '../environments/environment-repository';
import type { InventoryRepository } from '../inventories/inventory-repository';
import { parseInventory } from '../inventory/index';
import { listTemplates, readTemplate } from '../runbook-library/templates';
import type { RunbookReader } from '../runbook-reader/runbook-reader';
import type { RunbookRepository } from '../store/runbook-repository';
import { sandboxHome, sandboxResourcesDir } from './sandbox-shell';

export const sandboxEnvironmentName = 'Sandbox';

export interface FirstStartParts {
  dataDir: string;
  environments: EnvironmentRepository;
  inventories: InventoryRepository;
  runbooks: RunbookRepository;
  reader: RunbookReader;
  templatesDir: string;
  /** Tells open screens what appeared (runbooks.changed, environments.changed). */
  announce: (what: { runbookId?: string; environmentId?: string }) => void;
}

/**
 * A fresh data folder gets the practice sandbox (docs/sandbox.md): the bundled templates are
 * imported into the library, and a training environment named Sandbox runs them in a local shell
 * of stand-in commands, with an inventory for rolling steps. Once only: a marker in the data
 * folder says it was done, so a trainee who deletes the templates or the environment is not
 * given them back at the next start.
 *
 * Imported rather than offered: a trainee opening Handrail for the first time expects runbooks
 * to try, not a list to choose from; each is an ordinary runbook with one revision that says
 * where it came from, and deleting it is one click.
 */
export async function prepareFirstStart(parts: FirstStartParts): Promise<void> {
  const marker = join(parts.dataDir, 'sandbox', 'first-start-done');
  if (existsSync(marker)) return;
  mkdirSync(join(parts.dataDir, 'sandbox'), { recursive: true, mode: 0o700 });
  const environmentId = createSandboxEnvironment(parts);
  if (environmentId !== undefined) parts.announce({ environmentId });
  if (parts.runbooks.count() === 0) {
    for (const template of await listTemplates(parts.templatesDir, parts.reader)) {
      const { runbook, source } = await parts.reader.normalizeSource(
        readTemplate(parts.templatesDir, template.id),
        template.id,
        'templateId',
      );
      const created = parts.runbooks.create({
        title: runbook.title,
        description: runbook.description,
        source,
        message: `Imported from the bundled template ${template.id} on first start`,
      });
      parts.announce({ runbookId: created.id });
    }
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
}

/** The Sandbox environment with its inventory, unless one of that name is there already. */
function createSandboxEnvironment(parts: FirstStartParts): string | undefined {
  const taken = parts.environments
    .list()
    .some((environment) => environment.name.toLowerCase() === sandboxEnvironmentName.toLowerCase());
  if (taken) return undefined;
  const home = sandboxHome(parts.dataDir);
  const environment = parts.environments.create({
    name: sandboxEnvironmentName,
    kind: 'training',
    colour: '#2b6cb0',
    description:
      'Practice: a local shell whose kayobe, kolla-ansible, osism, openstack, docker and ' +
      'ansible-playbook are stand-ins that print what the real tools would and change nothing. ' +
      'Make a command fail with HANDRAIL_SANDBOX_FAIL or a line in ~/fail-once (docs/sandbox.md).',
    controlHost: { kind: 'local', shell: sandboxShell(), sandbox: true },
    // Values the bundled templates ask for, pointing into the sandbox home.
    variables: {
      kayobe_config_dir: join(home, 'src', 'kayobe-config'),
      kayobe_venv: join(home, 'venvs', 'kayobe'),
      compute_host: 'compute0',
    },
    secretNames: [],
  });
  const fileName = 'sandbox-inventory.ini';
  const text = readFileSync(join(sandboxResourcesDir(), 'inventory.ini'), 'utf8');
  parts.inventories.save(environment.id, text, parseInventory(text, { fileName }), { kind: 'file' });
  return environment.id;
}

/** bash where there is one (the templates are written for it), else the POSIX sh. */
function sandboxShell(): string {
  return ['/bin/bash', '/usr/bin/bash'].find((path) => existsSync(path)) ?? '/bin/sh';
}
