import type { Phase, PhaseWindow, Runbook } from '../../../../shared/runbook/index';
import { IdAllocator } from '../format/slug';
import { guideWarning, type Guide, type GuideBlock, type GuideSection } from './guide';
import { StepBuilder } from './step-builder';

/**
 * Shapes a guide into a runbook: a lone top heading is the title, the next level down are phases,
 * the level below them steps; deeper headings fold into their step as bold lines.
 */
export function buildRunbook(guide: Guide, file: string): Runbook {
  const ids = new IdAllocator();
  let sections = guide.sections.filter((s) => s.title !== '');
  let title = guide.title;
  let description = guide.description ?? '';
  let preamble = guide.preamble;
  const top = Math.min(...sections.map((s) => s.level));
  if (
    sections.length > 0 &&
    sections[0]!.level === top &&
    sections.filter((s) => s.level === top).length === 1
  ) {
    title ??= sections[0]!.title;
    preamble = [...preamble, ...sections[0]!.blocks];
    sections = sections.slice(1);
  }
  title ??= file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Imported guide';
  if (sections.length === 0) {
    // No headings below the title: the whole guide is one phase.
    sections = [{ title, level: 1, line: 1, blocks: preamble }];
    preamble = [];
  }
  const intro = preamble.filter((b) => b.type === 'text' || b.type === 'admonition');
  if (!description) description = intro.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n\n');
  if (preamble.some((b) => b.type !== 'text' && b.type !== 'admonition')) {
    guideWarning(
      guide,
      file,
      preamble[0]?.line ?? 1,
      'commands before the first section were put in a phase of their own',
    );
    sections = [
      { title: 'Before you start', level: 0, line: preamble[0]?.line ?? 1, blocks: preamble },
      ...sections,
    ];
  }
  const phaseLevel = Math.min(...sections.map((s) => s.level));
  const phases: Phase[] = [];
  for (const group of groupPhases(sections, phaseLevel)) {
    const phase = buildPhase(guide, file, ids, group);
    if (phase !== undefined) phases.push(phase);
  }
  const variables = [...guide.variables.entries()].map(([name, line]) => ({
    name,
    description: `Imported from the guide (first used on line ${line})`,
    secret: false,
  }));
  // Guides are written for one terminal session: a `cd` in one step holds in the next.
  return { title: title.replace(/\s+/g, ' ').trim(), description, variables, shell: 'continuous', phases };
}

interface PhaseGroup {
  heading: GuideSection;
  steps: GuideSection[];
}

function groupPhases(sections: GuideSection[], phaseLevel: number): PhaseGroup[] {
  const groups: PhaseGroup[] = [];
  for (const section of sections) {
    const current = groups.at(-1);
    if (section.level <= phaseLevel || current === undefined) groups.push({ heading: section, steps: [] });
    else if (section.level === phaseLevel + 1 || current.steps.length === 0)
      current.steps.push({ ...section, blocks: [...section.blocks] });
    else {
      // Deeper headings stay inside their step, as a bold line.
      const step = current.steps.at(-1)!;
      step.blocks.push({ type: 'text', text: `**${section.title}**`, line: section.line }, ...section.blocks);
    }
  }
  return groups;
}

function buildPhase(guide: Guide, file: string, ids: IdAllocator, group: PhaseGroup): Phase | undefined {
  const { heading } = group;
  const phase: Phase = {
    title: cleanHeading(heading.title),
    window: windowFor(heading.title),
    text: '',
    steps: [],
    source: { line: heading.line, column: 1 },
  };
  const onlyProse = heading.blocks.every((b: GuideBlock) => b.type === 'text');
  if (onlyProse && group.steps.length > 0)
    phase.text = heading.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n\n');
  else
    phase.steps.push(
      ...stepsOf(guide, file, ids, heading.blocks, group.steps.length > 0 ? undefined : phase.title),
    );
  for (const section of group.steps) {
    const steps = stepsOf(guide, file, ids, section.blocks, cleanHeading(section.title), section.line);
    if (steps.length === 0) {
      steps.push(
        ...stepsOf(
          guide,
          file,
          ids,
          [{ type: 'text', text: '', line: section.line }],
          cleanHeading(section.title),
        ),
      );
      guideWarning(
        guide,
        file,
        section.line,
        `section '${section.title}' has no content; kept as an empty instruction`,
      );
    }
    phase.steps.push(...steps);
  }
  if (phase.steps.length === 0) {
    guideWarning(guide, file, heading.line, `section '${heading.title}' has no content; dropped`);
    return undefined;
  }
  return phase;
}

function stepsOf(
  guide: Guide,
  file: string,
  ids: IdAllocator,
  blocks: GuideBlock[],
  title: string | undefined,
  line?: number,
) {
  const builder = new StepBuilder(guide, file, ids, title, line);
  for (const block of blocks) builder.add(block);
  return builder.finish();
}

function cleanHeading(title: string): string {
  return title.replace(/^(?:step\s+)?\d{1,3}[.):]\s+/i, '').trim() || 'Untitled';
}

/** Preparation happens before the maintenance window, cleaning up after it (StackHPC's plan). */
function windowFor(title: string): PhaseWindow {
  if (
    /\b(?:prerequisites?|preparation|prepare|planning|before|pre-?upgrade|notable changes|known issues|overview)\b/i.test(
      title,
    )
  )
    return 'before';
  if (/\b(?:clean(?:ing)?[ -]?up|after|post-?upgrade|aftermath)\b/i.test(title)) return 'after';
  return 'inside';
}
