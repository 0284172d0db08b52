import type { Attempt, CommandRecord } from '../../../shared/contract/index';
import { runTallyLines } from '../../../shared/run/index';
import { reportCss } from './report-css';
import { reportGenerator } from './report-format';
import type { Deviation, ReportModel, ReportPhase, ReportSignoff, ReportStep } from './report-model';
import { formatDuration, timelineSvg } from './report-timeline-svg';
import { verdictLabels, type ReportReview, type ReportReviewEntry } from './report-review';
import type { ReportSeal } from './report-seal';
import { rollingTableHtml } from './report-rolling';
import { approvalHtml } from './report-approval';
import type { WithOutputs } from './report-record';
import { joinedWriter, rendered, type ReportSink } from './report-sink';
import { escapeHtml, terminalCss, terminalOutputToHtml, untrustedTextToHtml } from './safe-terminal-html';
import { withVisibleControls } from './visible-controls';

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external
 * reference (its own CSP says so to any browser that opens it), a print stylesheet. Every string
 * from the run is escaped; terminal output goes through the terminal renderer, which turns colours
 * into spans and shows control characters visibly instead of passing them on.
 */
export function renderHtmlReport(model: ReportModel, seal: ReportSeal): string {
  return rendered((sink) => writeHtmlReport(sink, model, seal, (step) => step));
}

/**
 * The report written as it is made: the parts of the page joined by newlines, the steps one at a
 * time (each with its outputs, `full`), then `record` (the embedded bundle, report-documents.ts)
 * just before `</main>`.
 */
export function writeHtmlReport(
  sink: ReportSink,
  model: ReportModel,
  seal: ReportSeal,
  full: WithOutputs,
  record?: (sink: ReportSink) => void,
): void {
  const colour = /^#[0-9a-fA-F]{6}$/.test(model.environment.colour) ? model.environment.colour : '#777777';
  const line = joinedWriter(sink, '\n');
  for (const part of [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${reportGenerator}">`,
    `<title>${plainText(`${model.mode === 'practice' ? 'Practice run report' : 'Run report'}: ${model.title}`)}</title>`,
    `<style>${reportCss}${terminalCss}</style></head>`,
    `<body style="--env: ${colour}">`,
    banner(model),
    '<main>',
    summary(model),
    // Only a run that needed approval has the section: older reports' bytes stay as they were.
    ...(model.approval === undefined ? [] : [approvalHtml(model.approval)]),
    `<section id="timeline"><h2>Timeline</h2>${timelineSvg(model.phases)}</section>`,
    deviationSection(model.deviations),
  ])
    line(part);
  line('<section id="steps"><h2>Steps</h2>');
  for (const phase of model.phases) {
    sink.write(phaseHeading(phase));
    for (const step of phase.steps) sink.write(stepHtml(full(step)));
  }
  sink.write('</section>');
  line(model.review === undefined ? '' : reviewSection(model.review));
  line(signoffSection(model.signoffs));
  line(verificationSection(seal));
  line('');
  record?.(sink);
  sink.write('</main></body></html>');
  line('');
}

function banner(model: ReportModel): string {
  const production =
    model.environment.kind === 'production' ? '<span class="production-mark">PRODUCTION</span>' : '';
  const emergency =
    model.approval?.emergency === true ? '<span class="production-mark">EMERGENCY START</span>' : '';
  const practice =
    model.mode === 'practice'
      ? '<span class="production-mark">PRACTICE</span> <span>Practice run: a training record, not a change to production.</span>'
      : '';
  return (
    `<header class="banner"><h1>${text(model.runbook.title)}</h1>${practice}` +
    `<div class="sub">${text(model.environment.name)} (${text(model.environment.kind)})` +
    `${production}${emergency} · ` +
    `${text(model.mode)} run · ${text(model.status)}</div></header>`
  );
}

function summary(model: ReportModel): string {
  const operators = model.operators
    .map((operator) => `${text(operator.name)} <span class="meta">from ${text(operator.from)}</span>`)
    .join('<br>');
  const [steps, hostSteps] = runTallyLines(model.counts);
  const facts: [string, string][] = [
    ['Runbook', `${text(model.runbook.title)} (revision ${model.runbook.revision})`],
    ['Environment', `${text(model.environment.name)}, ${text(model.environment.kind)}`],
    ['Mode', text(model.mode)],
    ['Status', text(model.status)],
    ['Operators', operators],
    ['Started', text(model.startedAt)],
    ['Ended', text(model.endedAt ?? 'not yet')],
    ['Duration', `${formatDuration(model.durationSeconds)} (paused ${formatDuration(model.pausedSeconds)})`],
    ['Steps', `<span class="tally">${text(steps ?? '')}</span>`],
    ...(hostSteps === undefined
      ? []
      : [['Host steps', `<span class="tally">${text(hostSteps)}</span>`] as [string, string]]),
    ['Run id', `<code>${text(model.runId)}</code>`],
    ['Event log', `${model.eventCount} events, head <code>${text(model.headHash)}</code>`],
  ];
  return `<section id="summary"><h2>Summary</h2><dl class="facts">${facts
    .map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`)
    .join('')}</dl></section>`;
}

function deviationSection(deviations: readonly Deviation[]): string {
  if (deviations.length === 0)
    return '<section id="deviations"><h2>Deviations</h2><p>None: every step was done as written.</p></section>';
  const rows = deviations
    .map(
      (deviation) =>
        `<tr><td>${text(deviation.kind)}</td><td>${text(deviation.stepTitle)}</td>` +
        `<td>${text(deviation.at ?? '')}</td><td>${text(deviation.detail)}</td></tr>`,
    )
    .join('');
  return `<section id="deviations"><h2>Deviations</h2><table><thead><tr><th>What</th><th>Step</th><th>When</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function phaseHeading(phase: ReportPhase): string {
  return `<h3>${text(phase.title)} <span class="meta">(${text(phase.window)} the window, planned ${formatDuration(phase.plannedSeconds)})</span></h3>`;
}

function stepHtml(step: ReportStep): string {
  const tags = [
    `<span class="tag">${text(step.kind)}</span>`,
    step.destructive ? '<span class="tag tag-destructive">destructive</span>' : '',
    step.edited ? '<span class="tag">edited during the run</span>' : '',
  ].join('');
  const reasons = [
    step.skipReason === null ? '' : `<p><strong>Skipped:</strong> ${text(step.skipReason)}</p>`,
    step.failReason === null ? '' : `<p><strong>Failed:</strong> ${text(step.failReason)}</p>`,
    step.unknownReason === null ? '' : `<p><strong>Outcome unknown:</strong> ${text(step.unknownReason)}</p>`,
  ].join('');
  return (
    `<article class="step" id="step-${text(step.key)}"><h4><span class="status status-${text(step.status)}">${text(step.status)}</span>` +
    `${step.hostsNote === undefined ? '' : ` <span class="hosts-note">${text(step.hostsNote)}</span>`} ${text(step.title)}${tags}</h4>` +
    `<div class="meta">${text(step.startedAt ?? '')}${step.endedAt === null ? '' : ` → ${text(step.endedAt)}`}${step.attempts.length > 1 ? ` · ${step.attempts.length} attempts` : ''}</div>` +
    reasons +
    step.attempts.map(attemptHtml).join('') +
    listHtml(
      'Evidence',
      step.evidence,
      (item) =>
        `<div class="note">${text(item.text)}</div><div class="meta">${text(item.author)}, ${text(item.at)}</div>`,
    ) +
    listHtml(
      'Backups',
      step.backups,
      (item) =>
        `<code>${text(item.path)}</code> ${item.sizeBytes === null ? '' : `${item.sizeBytes} bytes `}${item.checksum === null ? '' : `<code>${text(item.checksum)}</code>`} <span class="meta">(${text(item.source)})</span>`,
    ) +
    listHtml(
      'Notes',
      step.notes,
      (item) =>
        `<div class="note">${text(item.text)}</div><div class="meta">${text(item.author)}, ${text(item.at)}</div>`,
    ) +
    (step.signoff === null
      ? ''
      : `<p><strong>Signed off</strong> by ${text(step.signoff.name)}${step.signoff.role === '' ? '' : ` (${text(step.signoff.role)})`} at ${text(step.signoff.at)}</p>`) +
    (step.rolling === undefined ? '' : rollingTableHtml(step.rolling, text)) +
    '</article>'
  );
}

function attemptHtml(attempt: Attempt): string {
  if (attempt.commands.length === 0)
    return `<div class="meta">Attempt ${attempt.number}: ${text(attempt.outcome)} by ${text(attempt.operator)}</div>`;
  return (
    `<div class="meta">Attempt ${attempt.number} by ${text(attempt.operator)}: ${text(attempt.outcome)}</div>` +
    attempt.commands.map(commandHtml).join('')
  );
}

function commandHtml(command: CommandRecord): string {
  const exit = command.exitCode === null ? command.outcome : `exit ${command.exitCode}`;
  const problems =
    command.problems.length === 0 ? '' : `<div class="meta">${command.problems.map(text).join('; ')}</div>`;
  return (
    `<pre class="command t-out">$ ${terminalOutputToHtml(command.text)}</pre><div class="meta">${text(exit)}${command.outputTruncated ? ' · output shortened (full output in the transcript)' : ''}</div>${problems}` +
    (command.output === '' ? '' : `<pre class="output t-out">${terminalOutputToHtml(command.output)}</pre>`)
  );
}

function listHtml<T>(title: string, items: readonly T[], render: (item: T) => string): string {
  if (items.length === 0) return '';
  return `<div><strong>${title}</strong>${items.map((item) => `<div>${render(item)}</div>`).join('')}</div>`;
}

/** The mentor's assessment and comments: a section of their own, apart from the operator's notes. */
function reviewSection(review: ReportReview): string {
  const entry = (item: ReportReviewEntry) =>
    `<div class="note">${text(item.text)}</div><div class="meta">${text(item.author)}, ${text(item.at)}</div>`;
  const assessment =
    review.assessment === null
      ? '<p>No overall assessment yet.</p>'
      : `<h3>Assessment: ${text(verdictLabels[review.assessment.verdict ?? ''] ?? review.assessment.verdict ?? '')}</h3>${entry(review.assessment)}`;
  const earlier = review.earlierAssessments
    .map(
      (item) =>
        `<div class="meta">Earlier: ${text(verdictLabels[item.verdict ?? ''] ?? '')}</div>${entry(item)}`,
    )
    .join('');
  const comments =
    review.comments.length === 0
      ? '<p>No comments.</p>'
      : review.comments.map((item) => `<h4>${text(item.stepTitle)}</h4>${entry(item)}`).join('');
  return `<section id="review"><h2>Review</h2>${assessment}${earlier}<h3>Comments</h3>${comments}</section>`;
}

function signoffSection(signoffs: readonly ReportSignoff[]): string {
  if (signoffs.length === 0) return '<section id="signoffs"><h2>Sign-offs</h2><p>None yet.</p></section>';
  const rows = signoffs
    .map(
      (signoff) =>
        `<tr><td>${text(signoff.name)}</td><td>${text(signoff.role)}</td><td>${text(signoff.kind)}</td>` +
        `<td>${text(signoff.at)}</td><td><code>${text(signoff.fingerprint ?? 'not signed with a key')}</code></td></tr>`,
    )
    .join('');
  return `<section id="signoffs"><h2>Sign-offs</h2><table><thead><tr><th>Signer</th><th>Role</th><th>What</th><th>When</th><th>Key</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function verificationSection(seal: ReportSeal): string {
  const signatures = seal.signatures
    .map(
      (signature, index) =>
        `<h3>Signature ${index + 1}: ${text(signature.name)} (${text(signature.kind)}, ${text(signature.at)})</h3>` +
        `<p>Key <code>${text(signature.fingerprint)}</code>. Check it with:</p><pre>${text(seal.verifyCommands[index] ?? '')}</pre>` +
        `<p>Signed payload (canonical JSON, base64):</p>\n<pre class="payload" id="handrail-payload-${index + 1}">\n${text(signature.payloadBase64)}\n</pre>\n` +
        `<p>Signature:</p>\n<pre class="signature" id="handrail-signature-${index + 1}">\n${text(signature.armored.trim())}\n</pre>\n` +
        `<p>The key as this report names it (compare this line with your own allowed_signers file; never verify with it):</p>\n<pre class="allowed-signer" id="handrail-signer-${index + 1}">\n${text(signature.allowedSigner)}\n</pre>\n`,
    )
    .join('');
  return `<section id="verification"><h2>Verification</h2><p>${text(seal.instructions)}</p>${signatures}</section>`;
}

/**
 * Text for an element that takes no markup (`<title>` is read as plain text, so the marker spans
 * of `text` would show as tags in the tab): controls become their marker characters, then escaped.
 */
function plainText(value: string): string {
  return escapeHtml(withVisibleControls(value, { lineBreaks: true }));
}

/** Any string from the run, a runbook or a person: escaped, controls shown as markers. */
function text(value: string): string {
  return untrustedTextToHtml(value);
}
