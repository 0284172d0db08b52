import type { Attempt } from '../../../shared/contract/index';
import { runTallyLines } from '../../../shared/run/index';
import type { ReportModel, ReportStep } from './report-model';
import { verdictLabels, type ReportReview } from './report-review';
import type { ReportSeal } from './report-seal';
import { blockSha256, markdownMarker } from './report-seal-builder';
import { rollingTableMarkdown } from './report-rolling';
import { approvalMarkdown } from './report-approval';
import type { WithOutputs } from './report-record';
import { joinedWriter, rendered, type ReportSink } from './report-sink';
import { formatDuration } from './report-timeline-svg';
import {
  terminalOutputToMarkdownBlock,
  untrustedTextToMarkdown,
  untrustedTextToPlainText,
} from './safe-markdown';

/**
 * The report as Markdown, for change records that take text. Same model as the HTML; prose is
 * escaped so a note cannot become a heading, a link or an image, and output sits in code
 * fences longer than any backtick run inside it.
 */
export function renderMarkdownReport(model: ReportModel, seal: ReportSeal): string {
  return rendered((sink) => writeMarkdownReport(sink, model, seal, (step) => step));
}

/**
 * The report's lines joined by newlines, written as they are made: the steps one at a time, each
 * with its outputs (`full`).
 */
export function writeMarkdownReport(
  sink: ReportSink,
  model: ReportModel,
  seal: ReportSeal,
  full: WithOutputs,
): void {
  const line = joinedWriter(sink, '\n');
  for (const text of headLines(model)) line(text);
  for (const phase of model.phases) {
    line('');
    line(`### ${inline(phase.title)}`);
    for (const step of phase.steps) for (const text of stepLines(full(step))) line(text);
  }
  for (const text of tailLines(model, seal)) line(text);
}

/** From the title to the Steps heading. */
function headLines(model: ReportModel): string[] {
  return [
    `# ${model.mode === 'practice' ? 'Practice run report' : 'Run report'}: ${inline(model.runbook.title)}`,
    '',
    ...(model.mode === 'practice'
      ? ['**PRACTICE** run: a training record, not a change to production.', '']
      : []),
    `| | |`,
    `| --- | --- |`,
    row('Runbook', `${inline(model.runbook.title)} (revision ${model.runbook.revision})`),
    row('Environment', `${inline(model.environment.name)} (${model.environment.kind})`),
    row('Mode', model.mode),
    row('Status', model.status),
    row(
      'Operators',
      model.operators.map((operator) => `${inline(operator.name)} from ${operator.from}`).join('; '),
    ),
    row('Started', model.startedAt),
    row('Ended', model.endedAt ?? 'not yet'),
    row(
      'Duration',
      `${formatDuration(model.durationSeconds)} (paused ${formatDuration(model.pausedSeconds)})`,
    ),
    ...runTallyLines(model.counts).map((line, index) => row(index === 0 ? 'Steps' : 'Host steps', line)),
    row('Run id', `\`${model.runId}\``),
    row('Event log', `${model.eventCount} events, head \`${model.headHash}\``),
    ...approvalMarkdown(model.approval),
    '',
    '## Timeline',
    '',
    '| Phase | Planned | Actual |',
    '| --- | --- | --- |',
    ...model.phases.map((phase) =>
      row(
        inline(phase.title),
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
            row(deviation.kind, inline(deviation.stepTitle), deviation.at ?? '', inline(deviation.detail)),
          ),
        ]),
    '',
    '## Steps',
  ];
}

/** After the steps: the review, the sign-offs and the verification section. */
function tailLines(model: ReportModel, seal: ReportSeal): string[] {
  return [
    ...(model.review === undefined ? [] : reviewLines(model.review)),
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
              inline(signoff.name),
              inline(signoff.role),
              signoff.kind,
              signoff.at,
              signoff.fingerprint ?? 'not signed with a key',
            ),
          ),
        ]),
    '',
    '## Verification',
    '',
    inline(seal.instructions),
    ...seal.signatures.flatMap((signature, index) => [
      '',
      `### Signature ${index + 1}: ${inline(signature.name)} (${signature.kind}, ${signature.at})`,
      '',
      `Key \`${signature.fingerprint}\`.`,
      '',
      block(seal.verifyCommands[index] ?? ''),
      '',
      inline(
        'Signed payload (base64), signature, and the key as this report names it (compare that line with your own allowed_signers file; never verify with it):',
      ),
      '',
      ...rawBlock(markdownMarker('payload', index + 1, signature.payloadSha256), signature.payloadBase64),
      ...rawBlock(
        markdownMarker('signature', index + 1, blockSha256(signature.armored.trim())),
        signature.armored.trim(),
      ),
      ...rawBlock(
        markdownMarker('signer', index + 1, blockSha256(signature.allowedSigner)),
        signature.allowedSigner,
      ),
    ]),
    '',
  ];
}

/** The mentor's assessment and comments, apart from the operator's notes. */
function reviewLines(review: ReportReview): string[] {
  const lines = ['', '## Review', ''];
  const entry = (author: string, at: string, text: string) => [
    `${inline(author)}, ${at}:`,
    '',
    block(text),
    '',
  ];
  if (review.assessment === null) lines.push('No overall assessment yet.', '');
  else
    lines.push(
      `### Assessment: ${verdictLabels[review.assessment.verdict ?? ''] ?? ''}`,
      '',
      ...entry(review.assessment.author, review.assessment.at, review.assessment.text),
    );
  for (const item of review.earlierAssessments)
    lines.push(
      `Earlier: ${verdictLabels[item.verdict ?? ''] ?? ''}`,
      '',
      ...entry(item.author, item.at, item.text),
    );
  lines.push('### Comments', '');
  if (review.comments.length === 0) lines.push('No comments.', '');
  for (const item of review.comments)
    lines.push(`#### ${inline(item.stepTitle)}`, '', ...entry(item.author, item.at, item.text));
  return lines;
}

/** A block a shell command can cut out: a marker line, then a plain fence (the text has no backticks). */
function rawBlock(marker: string, text: string): string[] {
  return [`<!-- ${marker} -->`, '```', text.replace(/`/g, ''), '```', ''];
}

/**
 * A table row. Cells may already be Markdown (inline() escapes every pipe as `\|`), so only a pipe
 * that is not part of an escape pair gets a backslash: escaping `\|` again gave `\\|`, an escaped
 * backslash followed by a bare pipe that split the cell in two.
 */
function row(...cells: string[]): string {
  const safe = (cell: string) =>
    cell.replace(/\\[\s\S]|\|/g, (match) => (match === '|' ? '\\|' : match)).replace(/\n/g, ' ');
  return `| ${cells.map(safe).join(' | ')} |`;
}

function stepLines(step: ReportStep): string[] {
  const lines = [
    '',
    `#### ${step.status}${step.hostsNote === undefined ? '' : ` (${step.hostsNote})`}: ${inline(step.title)} (${step.kind}${step.destructive ? ', destructive' : ''})`,
    '',
  ];
  if (step.startedAt !== null)
    lines.push(`${step.startedAt}${step.endedAt === null ? '' : ` → ${step.endedAt}`}`, '');
  if (step.skipReason !== null) lines.push(`Skipped: ${inline(step.skipReason)}`, '');
  if (step.failReason !== null) lines.push(`Failed: ${inline(step.failReason)}`, '');
  if (step.unknownReason !== null) lines.push(`Outcome unknown: ${inline(step.unknownReason)}`, '');
  for (const attempt of step.attempts) lines.push(...attemptLines(attempt));
  for (const item of step.evidence)
    lines.push(`Evidence (${inline(item.author)}, ${item.at}):`, '', block(item.text), '');
  for (const item of step.backups)
    lines.push(
      `Backup: \`${inline(item.path)}\` ${item.sizeBytes ?? ''} ${item.checksum ?? ''} (${item.source})`,
      '',
    );
  for (const note of step.notes)
    lines.push(`Note (${inline(note.author)}, ${note.at}):`, '', block(note.text), '');
  if (step.signoff !== null)
    lines.push(
      `Signed off by ${inline(step.signoff.name)} ${inline(step.signoff.role)} at ${step.signoff.at}`,
      '',
    );
  if (step.rolling !== undefined) lines.push(...rollingTableMarkdown(step.rolling, inline));
  return lines;
}

function attemptLines(attempt: Attempt): string[] {
  const lines = [`Attempt ${attempt.number} by ${inline(attempt.operator)}: ${attempt.outcome}`, ''];
  for (const command of attempt.commands) {
    lines.push(outputBlock(`$ ${command.text}`));
    lines.push('', command.exitCode === null ? command.outcome : `exit ${command.exitCode}`, '');
    if (command.output !== '') lines.push(outputBlock(command.output), '');
  }
  return lines;
}

/** A name, title or reason on one line, rendering literally. */
function inline(value: string): string {
  return untrustedTextToMarkdown(value, { singleLine: true });
}

/** Output, a command or a note in a fence no line of it can close. */
function block(value: string): string {
  return terminalOutputToMarkdownBlock(untrustedTextToPlainText(value)).trimEnd();
}

/** Terminal output: colours and other escape sequences removed, controls marked. */
function outputBlock(value: string): string {
  return terminalOutputToMarkdownBlock(value).trimEnd();
}
