import { PlainTextStream } from '../terminal/plain-text';
import type { AnsibleFailedTask, AnsibleHostRecap, AnsibleSummary } from './ansible-recap';
import { LineSplitter, type OutputReader } from './output-reader';

/** `PLAY [name] ****`, `TASK [name] ****`, `RUNNING HANDLER [name] ****`; the stars fill the width. */
const heading = /^(PLAY|TASK|RUNNING HANDLER) \[(.*)\] \**\s*$/;
const recapHeading = /^PLAY RECAP \**\s*$/;
/** A host's result line: `ok: [web1]`, `fatal: [web1 -> db1]: FAILED! => {...}`, `changed: [h] => (item=x)`. */
const resultLine = /^(ok|changed|skipping|fatal|failed|unreachable): \[([^\]]+)\](.*)$/;
const recapLine =
  /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)(?:\s+skipped=(\d+))?(?:\s+rescued=(\d+))?(?:\s+ignored=(\d+))?\s*$/;

/**
 * Reads what ansible-playbook prints through its default callback, with the JSON or the YAML
 * result format (ANSIBLE_CALLBACK_RESULT_FORMAT=yaml, which is what the yaml callback became), in
 * colour or not: the tools of an OpenStack upgrade (kolla-ansible, kayobe, OSISM, ceph-ansible)
 * print through it. It takes raw terminal output: escapes and carriage returns are removed as it
 * streams. A terminal soft-wraps long lines without adding newlines to the stream, so lines
 * arrive whole at any width.
 */
export class AnsibleReader implements OutputReader<AnsibleSummary> {
  private readonly plain = new PlainTextStream();
  private readonly lines = new LineSplitter((line) => this.line(line));
  private readonly hosts: Record<string, AnsibleHostRecap> = {};
  private readonly failures: AnsibleFailedTask[] = [];
  private readonly warnings: string[] = [];
  private play: string | null = null;
  private task: string | null = null;
  private inRecap = false;
  private recognised = false;
  /** A failure whose result follows on indented lines (YAML, or multi-line JSON). */
  private open: { failure: AnsibleFailedTask; lines: string[] } | null = null;

  push(chunk: string): void {
    this.lines.push(this.plain.push(chunk));
  }

  finish(): AnsibleSummary {
    this.lines.flush();
    this.closeResult();
    return {
      hosts: this.hosts,
      failedTasks: this.failures,
      warnings: this.warnings,
      currentPlay: this.play,
      currentTask: this.task,
      recognised: this.recognised,
    };
  }

  private line(line: string): void {
    if (this.open !== null) {
      if (line.startsWith(' ') || line === '}') {
        this.open.lines.push(line);
        return;
      }
      this.closeResult();
    }
    if (recapHeading.test(line)) {
      this.inRecap = true;
      this.recognised = true;
      return;
    }
    const head = heading.exec(line);
    if (head !== null) {
      this.recognised = true;
      this.inRecap = false;
      if (head[1] === 'PLAY') {
        this.play = head[2] ?? '';
        this.task = null;
      } else this.task = head[2] ?? '';
      return;
    }
    if (this.inRecap) {
      const recap = recapLine.exec(line);
      if (recap !== null) this.hosts[recap[1] ?? ''] = recapOf(recap);
      return;
    }
    if (line === 'skipping: no hosts matched') {
      this.warnings.push(`no hosts matched in play ${JSON.stringify(this.play ?? '')}`);
      return;
    }
    if (line.startsWith('...ignoring')) {
      const last = this.failures.at(-1);
      if (last !== undefined) last.ignored = true;
      return;
    }
    const result = resultLine.exec(line);
    if (result === null || result[1] !== 'fatal') return;
    // Only `fatal:` is a task's failure; `failed: [h] (item=…)` lines are its loop's items.
    const rest = result[3] ?? '';
    const failure: AnsibleFailedTask = {
      host: (result[2] ?? '').split(' -> ')[0] ?? '',
      task: this.task ?? '',
      message: '',
      kind: rest.startsWith(': UNREACHABLE!') ? 'unreachable' : 'failed',
      ignored: false,
    };
    this.failures.push(failure);
    const arrow = rest.indexOf('=> ');
    const inline = arrow === -1 ? '' : rest.slice(arrow + 3).trim();
    if (inline === '' || inline === '{') this.open = { failure, lines: inline === '' ? [] : [inline] };
    else failure.message = jsonMessage(inline);
  }

  private closeResult(): void {
    if (this.open === null) return;
    const { failure, lines } = this.open;
    this.open = null;
    failure.message = lines[0] === '{' ? jsonMessage(lines.join('\n')) : yamlMessage(lines);
  }
}

function recapOf(match: RegExpExecArray): AnsibleHostRecap {
  const n = (at: number): number => Number(match[at] ?? 0);
  return {
    ok: n(2),
    changed: n(3),
    unreachable: n(4),
    failed: n(5),
    skipped: n(6),
    rescued: n(7),
    ignored: n(8),
  };
}

/** The `msg` of a result printed as JSON, or the text itself when it is not JSON. */
function jsonMessage(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'msg' in value) {
      const msg = (value as { msg: unknown }).msg;
      return typeof msg === 'string' ? msg : JSON.stringify(msg);
    }
    return '';
  } catch {
    return text;
  }
}

/**
 * The `msg` of a result printed as YAML: the key at the block's own indentation, its value
 * continued on the more indented lines after it (a folded plain or quoted scalar, or a block
 * scalar after `|`), unquoted as YAML would.
 */
function yamlMessage(lines: readonly string[]): string {
  const indent = lines[0]?.length === undefined ? 0 : lines[0].length - lines[0].trimStart().length;
  const at = lines.findIndex(
    (line) => line.length - line.trimStart().length === indent && line.trimStart().startsWith('msg:'),
  );
  if (at === -1) return '';
  const first = (lines[at] ?? '').trimStart().slice('msg:'.length).trim();
  const more: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.length - line.trimStart().length <= indent) break;
    more.push(line.trim());
  }
  if (first.startsWith('|')) return more.join('\n');
  const folded = [first, ...more].join(' ');
  if (folded.startsWith("'") && folded.endsWith("'") && folded.length >= 2)
    return folded.slice(1, -1).replace(/''/g, "'");
  if (folded.startsWith('"') && folded.endsWith('"')) {
    try {
      return JSON.parse(folded) as string;
    } catch {
      return folded.slice(1, -1);
    }
  }
  return folded;
}
