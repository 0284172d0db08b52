import { untrustedTextToPlainText } from './safe-markdown';
import { escapeHtml } from './safe-terminal-html';
import type { ReportPhase } from './report-model';

/** Layout of the planned-vs-actual chart, in SVG user units (the chart scales to the page). */
const labelWidth = 220;
const barAreaWidth = 520;
const rowHeight = 34;
const barHeight = 11;

/**
 * The timeline chart: one row per phase, the planned span (from the estimates) above the actual
 * span (first step started → last step ended). Static SVG: no script, no external reference.
 */
export function timelineSvg(phases: readonly ReportPhase[]): string {
  const horizon = Math.max(
    1,
    ...phases.map((phase) => phase.plannedOffsetSeconds + phase.plannedSeconds),
    ...phases.map((phase) => phase.actualEndSeconds ?? 0),
  );
  const scale = (seconds: number): number => (seconds / horizon) * barAreaWidth;
  const height = phases.length * rowHeight + 30;
  const rows = phases.map((phase, index) => phaseRow(phase, index, scale)).join('');
  return (
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewbox="0 0 ${labelWidth + barAreaWidth + 10} ${height}" role="img" aria-label="Planned and actual time per phase">` +
    rows +
    `<text x="${labelWidth}" y="${height - 8}" class="axis">0</text>` +
    `<text x="${labelWidth + barAreaWidth}" y="${height - 8}" class="axis" text-anchor="end">${escapeHtml(formatDuration(horizon))}</text>` +
    `<rect x="${labelWidth}" y="${height - 26}" width="10" height="6" class="planned"></rect><text x="${labelWidth + 14}" y="${height - 20}" class="legend">planned</text>` +
    `<rect x="${labelWidth + 80}" y="${height - 26}" width="10" height="6" class="actual"></rect><text x="${labelWidth + 94}" y="${height - 20}" class="legend">actual</text>` +
    '</svg>'
  );
}

function phaseRow(phase: ReportPhase, index: number, scale: (seconds: number) => number): string {
  const y = index * rowHeight + 4;
  const planned = bar('planned', scale(phase.plannedOffsetSeconds), y, scale(phase.plannedSeconds));
  const actual =
    phase.actualStartSeconds === null
      ? ''
      : bar(
          'actual',
          scale(phase.actualStartSeconds),
          y + barHeight + 2,
          scale(Math.max(0, (phase.actualEndSeconds ?? phase.actualStartSeconds) - phase.actualStartSeconds)),
        );
  const label = phase.title.length > 34 ? `${phase.title.slice(0, 33)}…` : phase.title;
  return `<text x="0" y="${y + barHeight + 4}" class="label">${escapeHtml(untrustedTextToPlainText(label))}</text>${planned}${actual}`;
}

function bar(kind: 'planned' | 'actual', x: number, y: number, width: number): string {
  return `<rect class="${kind}" x="${(labelWidth + x).toFixed(1)}" y="${y}" width="${Math.max(1, width).toFixed(1)}" height="${barHeight}"></rect>`;
}

/** `1h 05m`, `12m 30s`, `45s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
