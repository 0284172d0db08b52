import type { Heading, RootContent } from 'mdast';
import type { Diagnostic, Phase, Runbook, Step, SubStep } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { decodeInput } from '../input';
import { checkRunbook } from './checks';
import { readContent } from './content';
import { rejectUnterminatedFences } from './fences';
import { readFrontMatter } from './front-matter';
import { readHeading, type HeadingInfo, type StepAttributes } from './heading';
import { parseMarkdown } from './markdown';
import { report, sliceRuns, startOf, type SourceFile } from './source';

export interface ReadResult {
  runbook: Runbook | undefined;
  diagnostics: Diagnostic[];
}

/** Reads a runbook file (see docs/runbook-format.md); throws RunbookInputError if it has errors. */
export function parseRunbook(input: string | Uint8Array, fileName: string): Runbook {
  const { runbook, diagnostics } = readRunbook(input, fileName);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (runbook === undefined || errors.length > 0) {
    const [first, ...rest] = errors;
    throw new RunbookInputError(
      first
        ? [first, ...rest]
        : [{ severity: 'error', message: 'not a runbook', file: fileName, line: 1, column: 1 }],
    );
  }
  return runbook;
}

/**
 * Reads a runbook file and reports every problem found. Throws RunbookInputError only when the
 * file cannot be read at all (binary, too large, not UTF-8, nested too deep, unclosed fence).
 */
export function readRunbook(input: string | Uint8Array, fileName: string): ReadResult {
  const source: SourceFile = { text: decodeInput(input, fileName), file: fileName, diagnostics: [] };
  const root = parseMarkdown(source.text, fileName);
  rejectUnterminatedFences(source, root);
  const nodes = root.children;
  const front = nodes[0]?.type === 'yaml' ? readFrontMatter(source, nodes[0]) : { variables: [] };
  const body = nodes[0]?.type === 'yaml' ? nodes.slice(1) : nodes;
  const sections = splitSections(body);
  const heading1 = sections.find((s) => s.heading?.depth === 1)?.heading;
  const title = front.title ?? (heading1 ? readHeading(source, heading1).title : undefined);
  if (!title)
    report(
      source,
      'error',
      undefined,
      'the runbook has no title: add `title:` to the front matter or a # heading',
    );
  const descriptionNodes = sections
    .filter((s) => s.heading === undefined || s.heading.depth === 1)
    .map((s) => s.content);
  const runbook: Runbook = {
    title: title ?? 'Untitled',
    description: front.description ?? sliceRuns(source, descriptionNodes),
    variables: front.variables,
    shell: front.shell ?? 'continuous',
    phases: readPhases(source, sections),
  };
  checkRunbook(source, runbook);
  return { runbook, diagnostics: source.diagnostics };
}

interface Section {
  heading: Heading | undefined;
  content: RootContent[];
}

/** Cuts the document at every heading of depth 1 to 4. */
function splitSections(nodes: RootContent[]): Section[] {
  const sections: Section[] = [{ heading: undefined, content: [] }];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= 4) sections.push({ heading: node, content: [] });
    else sections.at(-1)!.content.push(node);
  }
  return sections;
}

function readPhases(source: SourceFile, sections: Section[]): Phase[] {
  const phases: Phase[] = [];
  let step: Step | undefined;
  for (const { heading, content } of sections) {
    if (heading === undefined || heading.depth === 1) continue;
    const phase = phases.at(-1);
    if (heading.depth === 2) {
      const { title, attributes } = readHeading(source, heading);
      phases.push({
        title: title || 'Untitled phase',
        window: attributes.window ?? 'inside',
        text: readContent(source, content).text,
        steps: [],
        source: startOf(heading),
      });
      step = undefined;
    } else if (heading.depth === 3) {
      if (phase === undefined) {
        report(source, 'error', heading, 'a step (###) must be under a phase (##)');
        continue;
      }
      const info = readHeading(source, heading);
      const { drains, restores, ...fields } = readStep(source, heading, info, content);
      if (drains || restores)
        report(source, 'error', heading, 'drains and restores belong on a sub-step (####) of a rolling step');
      step = { ...fields, ...rollingOf(info) };
      phase.steps.push(step);
    } else if (step?.rolling !== undefined) {
      step.rolling.steps.push(readStep(source, heading, readHeading(source, heading), content));
    } else {
      report(source, 'error', heading, 'a sub-step (####) belongs under a step with kind=rolling');
    }
  }
  return phases;
}

function rollingOf({ attributes }: HeadingInfo): Pick<Step, 'rolling'> {
  if (attributes.rolling === undefined && attributes.kind !== 'rolling') return {};
  return {
    rolling: {
      group: '',
      order: 'serial',
      batchSize: 1,
      vipHolderLast: false,
      auto: false,
      ...attributes.rolling,
      steps: [],
    },
  };
}

function readStep(
  source: SourceFile,
  heading: Heading,
  { title, attributes }: HeadingInfo,
  nodes: RootContent[],
): SubStep {
  const content = readContent(source, nodes);
  const step: SubStep = {
    id: attributes.id ?? '',
    title: title || 'Untitled step',
    kind:
      attributes.kind ??
      defaultKind(
        attributes,
        content.commands.some((c) => c.run),
      ),
    text: content.text,
    commands: content.commands,
    destructive: attributes.destructive,
    optional: attributes.optional,
    drains: attributes.drains,
    restores: attributes.restores,
    warnings: content.warnings,
    alternatives: content.alternatives,
    source: startOf(heading),
  };
  if (attributes.estimate !== undefined) step.estimatedDurationSeconds = attributes.estimate;
  if (attributes.manual !== undefined) step.manualCheck = attributes.manual;
  const wait = waitOf(attributes);
  if (wait !== undefined) step.wait = wait;
  return step;
}

function defaultKind(attributes: StepAttributes, runnable: boolean): Step['kind'] {
  if (attributes.rolling !== undefined) return 'rolling';
  if (attributes.wait !== undefined || attributes.interval !== undefined) return 'wait';
  if (attributes.manual !== undefined) return 'check';
  return runnable ? 'command' : 'instruction';
}

function waitOf(attributes: StepAttributes): Step['wait'] {
  if (attributes.wait === undefined && attributes.interval === undefined && attributes.timeout === undefined)
    return undefined;
  const wait: NonNullable<Step['wait']> = {};
  if (attributes.wait !== undefined) wait.seconds = attributes.wait;
  if (attributes.interval !== undefined) wait.intervalSeconds = attributes.interval;
  if (attributes.timeout !== undefined) wait.timeoutSeconds = attributes.timeout;
  return wait;
}
