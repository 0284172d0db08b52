import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries are lint errors. Each fixture is linted as if it stood at a path inside
 * the tree (the fixtures folder itself is ignored by `npm run lint`).
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (name: string): string => readFileSync(`${root}/test/fixtures/lint/${name}`, 'utf8');

async function boundaryMessages(fixtureName: string, pretendPath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(fixture(fixtureName), { filePath: `${root}/${pretendPath}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

async function flaggedLines(fixtureName: string, pretendPath: string): Promise<number[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(fixture(fixtureName), { filePath: `${root}/${pretendPath}` });
  const lines = (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.line);
  return [...new Set(lines)];
}

describe('boundary lint rules', () => {
  it('fail a renderer file that imports electron or node:fs', async () => {
    const messages = await boundaryMessages('renderer-imports-electron.tsx', 'renderer/src/leak.tsx');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/no Electron/);
    expect(messages[1]).toMatch(/no Node/);
    expect(await flaggedLines('renderer-imports-electron.tsx', 'renderer/src/leak.tsx')).toEqual([2, 3]);
  });

  it('fail a shared file that imports the host or Node', async () => {
    const messages = await boundaryMessages('shared-imports-host.ts', 'shared/contract/leak.ts');
    expect(messages.some((message) => /nothing outside shared/.test(message))).toBe(true);
    expect(messages.some((message) => /no Node/.test(message))).toBe(true);
    expect(await flaggedLines('shared-imports-host.ts', 'shared/contract/leak.ts')).toEqual([2, 3]);
  });

  it('fail a host file that imports electron', async () => {
    const messages = await boundaryMessages('host-imports-electron.ts', 'electron/host/leak.ts');
    expect(messages).toEqual([expect.stringMatching(/never import electron/)]);
  });

  it('pass a renderer file that only uses the contract', async () => {
    expect(await boundaryMessages('renderer-clean.tsx', 'renderer/src/clean.tsx')).toEqual([]);
  });
});
