import type { Attempt } from '../../../shared/contract/index';
import type { ReportModel, ReportStep } from './report-model';
import type { ReportSeal } from './report-seal';
import { formatDuration } from './report-timeline-svg';
import { markdownCodeBlock, markdownText } from './terminal-markdown';

/**
 * The report as Markdown, for change records that take text. Same model as the HTML; prose is
 * escaped so a note cannot become a heading, a link or an image, and output sits in code
 * fences longer than any backtick run inside it.
 */
export function renderMarkdownReport(model: ReportModel, seal: ReportSeal): string {
  const lines: string[] = [
    `# Run report: ${markdownText(model.runbook.title)}`,
    '',
    `| | |`,
    `| --- | --- |`,
    row('Runbook', `${markdownText(model.runbook.title)} (revision ${model.runbook.revision})`),
    row('Environment', `${markdownText(model.environment.name)} (${model.environment.kind})`),
    row('Mode', model.mode),
    row('Status', model.status),
    row(
      'Operators',
      model.operators.map((operator) => `${markdownText(operator.name)} from ${operator.from}`).join('; '),
    ),
    row('Started', model.startedAt),
    row('Ended', model.endedAt ?? 'not yet'),
    row(
      'Duration',
      `${formatDuration(model.durationSeconds)} (paused ${formatDuration(model.pausedSeconds)})`,
    ),
    row('Run id', `\`${model.runId}\``),
    row('Event log', `${model.eventCount} events, head \`${model.headHash}\``),
    '',
    '## Timeline',
    '',
    '| Phase | Planned | Actual |',
    '| --- | --- | --- |',
    ...model.phases.map((phase) =>
      row(
        markdownText(phase.title),
        formatDuration(phase.plannedSeconds),
        phase.actualStartSeconds === null
          ? 'not started'
          : formatDuration((phase.actualEndSeconds ?? phase.actualStartSeconds) - phase.actualStartSeconds),
      ),
    ),
    '',
    '## Deviations',
    '',
    ...(model.deviations.length === 0
      ? ['None: every step was done as written.']
      : [
          '| What | Step | When | Detail |',
          '| --- | --- | --- | --- |',
          ...model.deviations.map((deviation) =>
            row(
              deviation.kind,
              markdownText(deviation.stepTitle),
              deviation.at ?? '',
              markdownText(deviation.detail),
            ),
          ),
        ]),
    '',
    '## Steps',
    ...model.phases.flatMap((phase) => [
      '',
      `### ${markdownText(phase.title)}`,
      ...phase.steps.flatMap(stepLines),
    ]),
    '',
    '## Sign-offs',
    '',
    ...(model.signoffs.length === 0
      ? ['None yet.']
      : [
          '| Signer | Role | What | When | Key |',
          '| --- | --- | --- | --- | --- |',
          ...model.signoffs.map((signoff) =>
            row(
              markdownText(signoff.name),
              markdownText(signoff.role),
              signoff.kind,
              signoff.at,
              signoff.fingerprint ?? 'not signed with a key',
            ),
          ),
        ]),
    '',
    '## Verification',
    '',
    markdownText(seal.instructions),
    ...seal.signatures.flatMap((signature, index) => [
      '',
      `### Signature ${index + 1}: ${markdownText(signature.name)} (${signature.kind}, ${signature.at})`,
      '',
      `Key \`${signature.fingerprint}\`.`,
      '',
      markdownCodeBlock(seal.verifyCommands[index] ?? '', 'sh'),
      '',
      'Signed payload (base64), signature and allowed signer:',
      '',
      ...rawBlock(`handrail-payload-${index + 1}`, signature.payloadBase64),
      ...rawBlock(`handrail-signature-${index + 1}`, signature.armored.trim()),
      ...rawBlock(`handrail-signer-${index + 1}`, signature.allowedSigner),
    ]),
    '',
  ];
  return lines.join('\n');
}

/** A block a shell command can cut out: a marker line, then a plain fence (the text has no backticks). */
function rawBlock(marker: string, text: string): string[] {
  return [`<!-- ${marker} -->`, '```', text.replace(/`/g, ''), '```', ''];
}

function row(...cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}

function stepLines(step: ReportStep): string[] {
  const lines = [
    '',
    `#### ${step.status}: ${markdownText(step.title)} (${step.kind}${step.destructive ? ', destructive' : ''})`,
    '',
  ];
  if (step.startedAt !== null)
    lines.push(`${step.startedAt}${step.endedAt === null ? '' : ` → ${step.endedAt}`}`, '');
  if (step.skipReason !== null) lines.push(`Skipped: ${markdownText(step.skipReason)}`, '');
  if (step.failReason !== null) lines.push(`Failed: ${markdownText(step.failReason)}`, '');
  if (step.unknownReason !== null) lines.push(`Outcome unknown: ${markdownText(step.unknownReason)}`, '');
  for (const attempt of step.attempts) lines.push(...attemptLines(attempt));
  for (const item of step.evidence)
    lines.push(
      `Evidence (${markdownText(item.author)}, ${item.at}):`,
      '',
      markdownCodeBlock(item.text, 'text'),
      '',
    );
  for (const item of step.backups)
    lines.push(
      `Backup: \`${markdownText(item.path)}\` ${item.sizeBytes ?? ''} ${item.checksum ?? ''} (${item.source})`,
      '',
    );
  for (const note of step.notes)
    lines.push(
      `Note (${markdownText(note.author)}, ${note.at}):`,
      '',
      markdownCodeBlock(note.text, 'markdown'),
      '',
    );
  if (step.signoff !== null)
    lines.push(
      `Signed off by ${markdownText(step.signoff.name)} ${markdownText(step.signoff.role)} at ${step.signoff.at}`,
      '',
    );
  return lines;
}

function attemptLines(attempt: Attempt): string[] {
  const lines = [`Attempt ${attempt.number} by ${markdownText(attempt.operator)}: ${attempt.outcome}`, ''];
  for (const command of attempt.commands) {
    lines.push(markdownCodeBlock(`$ ${command.text}`, 'console'));
    lines.push('', command.exitCode === null ? command.outcome : `exit ${command.exitCode}`, '');
    if (command.output !== '') lines.push(markdownCodeBlock(command.output, 'text'), '');
  }
  return lines;
}
