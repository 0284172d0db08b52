import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RpcError, type RunbookTemplate } from '../../../shared/contract/index';
import type { RunbookReader } from '../runbook-reader/runbook-reader';

/** How much of a template's description the library's list shows: about two lines. */
const summaryChars = 240;

/** The bundled templates (resources/runbooks/*.md), by file name, each with its title. */
export async function listTemplates(dir: string, reader: RunbookReader): Promise<RunbookTemplate[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md'));
  } catch {
    return [];
  }
  return Promise.all(
    names.sort().map((id) => describeTemplate(reader, id, readFileSync(join(dir, id), 'utf8'))),
  );
}

/** The text of one template; the id is checked by the contract to be a plain file name. */
export function readTemplate(dir: string, id: string): string {
  try {
    return readFileSync(join(dir, id), 'utf8');
  } catch {
    throw new RpcError('not_found', `no bundled template named ${id}`, 'params.templateId');
  }
}

async function describeTemplate(reader: RunbookReader, id: string, text: string): Promise<RunbookTemplate> {
  const { runbook, diagnostics } = await reader.inspect(text, id);
  // A template that does not parse is a bug in Handrail; list it with the reason, so it is seen.
  if (runbook === null) return { id, title: id, description: diagnostics[0]?.message ?? 'does not parse' };
  return { id, title: runbook.title, description: firstParagraph(runbook.description) };
}

function firstParagraph(markdown: string): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const flat = paragraph.replace(/\s+/g, ' ');
  return flat.length > summaryChars ? `${flat.slice(0, summaryChars - 1)}…` : flat;
}
