import { structuredPatch } from 'diff';
import { RpcError, type DiffHunk, type DiffLine } from '../../../shared/contract/index';

/**
 * Lines of unchanged text around each change: three, as `diff -u` and git show by default, so a
 * reader sees where in the runbook a change sits without reading the whole file.
 */
const contextLines = 3;

/**
 * Gives up on a diff that takes longer than this instead of holding the host's event loop (the
 * `diff` package aborts its Myers search after `timeout` ms). Two revisions of a real runbook diff
 * in milliseconds; only pathological, huge and completely different texts come near it.
 */
const diffTimeoutMs = 5_000;

/** The unified line diff between two texts, as hunks of numbered lines. Runs asynchronously. */
export function diffTexts(oldText: string, newText: string): Promise<DiffHunk[]> {
  return new Promise((resolve, reject) => {
    structuredPatch('old', 'new', oldText, newText, undefined, undefined, {
      context: contextLines,
      timeout: diffTimeoutMs,
      callback: (patch) => {
        if (patch === undefined) {
          reject(new RpcError('too_large', 'the two revisions are too large and too different to compare'));
          return;
        }
        resolve(patch.hunks.map(toHunk));
      },
    });
  });
}

interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

function toHunk(hunk: PatchHunk): DiffHunk {
  let oldNumber = hunk.oldStart;
  let newNumber = hunk.newStart;
  const lines: DiffLine[] = [];
  for (const raw of hunk.lines) {
    const marker = raw[0];
    const text = raw.slice(1);
    // "\ No newline at end of file" annotates the line before it; it is not a line of the text.
    if (marker === '\\') continue;
    if (marker === '+') lines.push({ kind: 'added', text, newNumber: newNumber++ });
    else if (marker === '-') lines.push({ kind: 'removed', text, oldNumber: oldNumber++ });
    else lines.push({ kind: 'context', text, oldNumber: oldNumber++, newNumber: newNumber++ });
  }
  return {
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
    lines,
  };
}
