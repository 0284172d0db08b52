import { stringify } from 'yaml';
import type {
  Alternative,
  Command,
  Phase,
  Runbook,
  Step,
  SubStep,
  Warning,
} from '../../../../shared/runbook/index';
import { formatAttribute } from './attributes';
import { escapeHtml } from './content';
import { formatDuration } from './duration';

/**
 * Writes a runbook as a file that parseRunbook reads back equal and that reads well on GitHub:
 * front matter, `# title`, `## phase {window=…}`, `### step {#id kind=…}`, fenced commands,
 * `> [!WARNING]` alerts and `<details>` alternatives.
 */
export function serializeRunbook(runbook: Runbook): string {
  const blocks: string[] = [frontMatter(runbook), `# ${oneLine(runbook.title)}`];
  if (runbook.description) blocks.push(runbook.description);
  for (const phase of runbook.phases) blocks.push(...phaseBlocks(phase));
  return `${blocks.join('\n\n')}\n`;
}

function frontMatter(runbook: Runbook): string {
  const variables = runbook.variables.map((v) => ({
    name: v.name,
    ...(v.description ? { description: v.description } : {}),
    ...(v.default !== undefined ? { default: v.default } : {}),
    ...(v.secret ? { secret: true } : {}),
  }));
  const data = {
    title: runbook.title,
    // Continuous is the default and is left out, so files that never said otherwise stay as written.
    ...(runbook.shell === 'isolated' ? { shell: runbook.shell } : {}),
    ...(variables.length > 0 ? { variables } : {}),
  };
  // Quote every string: YAML would otherwise read `default: 1.10` back as a number elsewhere.
  return `---\n${stringify(data, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })}---`;
}

function phaseBlocks(phase: Phase): string[] {
  const blocks = [`## ${oneLine(phase.title)} {${formatAttribute('window', phase.window)}}`];
  if (phase.text) blocks.push(phase.text);
  for (const step of phase.steps) blocks.push(...stepBlocks(step, 3));
  return blocks;
}

function stepBlocks(step: Step | SubStep, depth: number): string[] {
  const blocks = [`${'#'.repeat(depth)} ${oneLine(step.title)} {${stepAttributes(step).join(' ')}}`];
  if (step.text) blocks.push(step.text);
  blocks.push(...step.warnings.map(warningBlock));
  blocks.push(...step.commands.flatMap(commandBlocks));
  blocks.push(...step.alternatives.map(alternativeBlock));
  if ('rolling' in step && step.rolling !== undefined) {
    for (const sub of step.rolling.steps) blocks.push(...stepBlocks(sub, depth + 1));
  }
  return blocks;
}

function stepAttributes(step: Step | SubStep): string[] {
  const attributes = [`#${step.id}`, formatAttribute('kind', step.kind)];
  if (step.destructive) attributes.push('destructive');
  if (step.optional) attributes.push('optional');
  if ('drains' in step && step.drains) attributes.push('drains');
  if ('restores' in step && step.restores) attributes.push('restores');
  if (step.estimatedDurationSeconds !== undefined)
    attributes.push(formatAttribute('estimate', formatDuration(step.estimatedDurationSeconds)));
  if (step.wait?.seconds !== undefined)
    attributes.push(formatAttribute('wait', formatDuration(step.wait.seconds)));
  if (step.wait?.intervalSeconds !== undefined)
    attributes.push(formatAttribute('interval', formatDuration(step.wait.intervalSeconds)));
  if (step.wait?.timeoutSeconds !== undefined)
    attributes.push(formatAttribute('timeout', formatDuration(step.wait.timeoutSeconds)));
  if (step.manualCheck !== undefined)
    attributes.push(step.manualCheck.evidenceRequired ? 'evidence' : 'manual');
  if ('rolling' in step && step.rolling !== undefined) {
    const r = step.rolling;
    attributes.push(
      formatAttribute('group', r.group),
      formatAttribute('order', r.order),
      formatAttribute('batch', r.batchSize),
    );
    if (r.drainCap !== undefined) attributes.push(formatAttribute('drain-cap', r.drainCap));
    if (r.vipHolderLast) attributes.push('vip-last');
    if (r.vipVariable !== undefined) attributes.push(formatAttribute('vip-var', r.vipVariable));
    if (r.lastHost !== undefined) attributes.push(formatAttribute('last', r.lastHost));
    if (r.canary !== undefined) attributes.push(formatAttribute('canary', r.canary));
    if (r.auto) attributes.push('auto');
  }
  return attributes;
}

function commandBlocks(command: Command): string[] {
  const info = [command.language || 'text', command.run ? 'run' : 'show'];
  if (command.setE) info.push('set-e');
  if (command.poll) info.push('poll');
  if (command.mayFail) info.push('may-fail');
  if (command.file !== undefined) info.push(formatAttribute('file', command.file));
  if (command.expect?.exitCode !== undefined)
    info.push(formatAttribute('expect-exit', command.expect.exitCode));
  for (const pattern of command.expect?.outputMatches ?? [])
    info.push(formatAttribute('expect-output', pattern));
  for (const pattern of command.expect?.outputNotMatches ?? [])
    info.push(formatAttribute('reject-output', pattern));
  const blocks = [fence(info.join(' '), command.text)];
  if (command.expectedOutput !== undefined) blocks.push(fence('text output', command.expectedOutput));
  return blocks;
}

/**
 * A fence longer than any run of its mark inside, so the content can never close it. Backticks
 * unless the info string has one (a regex may): CommonMark (4.5) forbids backticks in the info
 * string of a backtick fence, so then tildes.
 */
function fence(info: string, text: string): string {
  const mark = info.includes('`') ? '~' : '`';
  const runs = text.match(mark === '`' ? /`+/g : /~+/g) ?? [];
  const longest = Math.max(0, ...runs.map((run) => run.length));
  const marks = mark.repeat(Math.max(3, longest + 1));
  return `${marks}${info}\n${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${marks}`;
}

function warningBlock(warning: Warning): string {
  const lines = [`[!${warning.kind.toUpperCase()}]`, ...warning.text.split('\n')];
  return lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');
}

function alternativeBlock(alternative: Alternative): string {
  const blocks = [`<details><summary>${escapeHtml(oneLine(alternative.label))}</summary>`];
  if (alternative.text) blocks.push(alternative.text);
  blocks.push(...alternative.commands.flatMap(commandBlocks), '</details>');
  return blocks.join('\n\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
