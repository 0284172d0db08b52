import { rmSync } from 'node:fs';
import type { RunSummary, SigningKeyChoice } from '../../../shared/contract/index';
import type { DetachedSignature } from './audit-signer';
import { packReadme } from './pack-readme';
import { manifestText, sha256Hex, type ManifestLine } from './sha256-manifest';
import { TarWriter } from './tar-archive';

export const packFormat = 'handrail-audit-pack/1';

/** Which runs a pack holds: finished runs created in [from, to), optionally one environment or runbook. */
export interface PackFilter {
  /** ISO dates or times; `to` is exclusive, so months chain without overlap. */
  from: string;
  to: string;
  environment?: string | undefined;
  runbook?: string | undefined;
}

/** One run's files, made by the caller (audit-service.ts), named relative to the run's folder. */
export interface PackRunFiles {
  files: Array<{ name: string; bytes: Buffer }>;
  /** The run's statement file and its signature, among `files`. */
  statement: string;
}

export interface PackSource {
  runs(): RunSummary[];
  runFiles(run: RunSummary, folder: string): Promise<PackRunFiles>;
  sign(bytes: Buffer): Promise<DetachedSignature>;
}

/** Who signs the pack, as README.txt and pack.json state it (a claim for the reader's trust file to judge). */
export interface PackSigner {
  name: string;
  principal: string;
  /** Known before signing for Handrail's key, and for an SSH key with its .pub beside it. */
  fingerprint: string | null;
}

export interface PackResult {
  root: string;
  runIds: string[];
  signature: DetachedSignature;
}

/** The runs a filter selects, oldest first; only completed or aborted runs have a result to audit. */
export function runsInPeriod(runs: readonly RunSummary[], filter: PackFilter): RunSummary[] {
  const from = Date.parse(filter.from);
  const to = Date.parse(filter.to);
  return runs
    .filter((run) => run.status === 'completed' || run.status === 'aborted')
    .filter((run) => Date.parse(run.createdAt) >= from && Date.parse(run.createdAt) < to)
    .filter((run) => filter.environment === undefined || run.environmentName === filter.environment)
    .filter((run) => filter.runbook === undefined || run.runbookTitle === filter.runbook)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Writes the pack as one ustar file (tar-archive.ts says why Handrail writes it): a folder named
 * after the period holding README.txt, pack.json, runs/<id>/… and, last, MANIFEST (every other
 * file's SHA-256, sha256sum's format) and MANIFEST.sig, one signature for the whole pack. Each
 * run is made and written before the next, so only one run's files are in memory at a time. A
 * pack that fails half-way is removed.
 */
export async function writeAuditorPack(
  path: string,
  filter: PackFilter,
  source: PackSource,
  key: SigningKeyChoice,
  signer: PackSigner,
  now = new Date(),
): Promise<PackResult> {
  const root = `handrail-audit-${day(filter.from)}-${day(filter.to)}`;
  const runs = runsInPeriod(source.runs(), filter);
  const tar = new TarWriter(path, now);
  const manifest: ManifestLine[] = [];
  const add = (name: string, bytes: Buffer): void => {
    tar.file(`${root}/${name}`, bytes);
    manifest.push({ path: name, sha256: sha256Hex(bytes) });
  };
  try {
    tar.directory(root);
    const folders = runs.map((run) => `runs/${run.id}`);
    const filters = [
      ...(filter.environment === undefined ? [] : [`environment "${filter.environment}"`]),
      ...(filter.runbook === undefined ? [] : [`runbook "${filter.runbook}"`]),
    ];
    add(
      'README.txt',
      Buffer.from(
        packReadme({
          root,
          principal: signer.principal,
          fingerprint: signer.fingerprint,
          from: filter.from,
          to: filter.to,
          filters,
          runFolders: folders,
        }),
      ),
    );
    add(
      'pack.json',
      Buffer.from(
        `${JSON.stringify(
          {
            format: packFormat,
            createdAt: now.toISOString(),
            period: { from: filter.from, to: filter.to },
            filter: { environment: filter.environment ?? null, runbook: filter.runbook ?? null },
            signer,
            key: key.kind,
            runs: runs.map((run, index) => ({
              runId: run.id,
              folder: folders[index],
              runbook: run.runbookTitle,
              revision: run.revision,
              environment: run.environmentName,
              status: run.status,
              createdAt: run.createdAt,
              endedAt: run.endedAt,
            })),
          },
          null,
          2,
        )}\n`,
      ),
    );
    if (runs.length > 0) tar.directory(`${root}/runs`);
    for (const [index, run] of runs.entries()) {
      const folder = folders[index] as string;
      tar.directory(`${root}/${folder}`);
      const made = await source.runFiles(run, folder);
      for (const file of made.files) add(`${folder}/${file.name}`, file.bytes);
    }
    const manifestBytes = Buffer.from(manifestText(manifest));
    const signature = await source.sign(manifestBytes);
    tar.file(`${root}/MANIFEST`, manifestBytes);
    tar.file(`${root}/MANIFEST.sig`, Buffer.from(signature.signature));
    tar.close();
    return { root, runIds: runs.map((run) => run.id), signature };
  } catch (error) {
    tar.abandon();
    rmSync(path, { force: true });
    throw error;
  }
}

/** `2026-12-01T00:00:00Z` -> `20261201`: the folder name says the period at a glance. */
function day(date: string): string {
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) throw new Error(`${date}: not a date`);
  return parsed.toISOString().slice(0, 10).replace(/-/g, '');
}
