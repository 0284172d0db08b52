/** Generated runbooks far larger than real ones (the runbook-scale benchmark and the scale e2e tests). */

/** `phases` phases of `perPhase` instruction steps, keyed s-<phase>-<step>. */
export function listRunbook(phases: number, perPhase: number): string {
  const title = `${phases * perPhase} steps`;
  const lines = ['---', `title: "${title}"`, '---', '', `# ${title}`, ''];
  for (let phase = 1; phase <= phases; phase += 1) {
    lines.push(`## Phase ${phase} {window=inside}`, '');
    for (let step = 1; step <= perPhase; step += 1)
      lines.push(
        `### Step ${phase}.${step} {#s-${phase}-${step} kind=instruction}`,
        '',
        'Read and confirm.',
        '',
      );
  }
  return lines.join('\n');
}

/** The step keys of `listRunbook(phases, perPhase)`, in list order. */
export function stepKeysOf(phases: number, perPhase: number): string[] {
  return Array.from({ length: phases * perPhase }, (_, index) => {
    const phase = Math.floor(index / perPhase) + 1;
    return `s-${phase}-${(index % perPhase) + 1}`;
  });
}

/** One rolling step `roll` over group `compute`, batches of 25, with `subSteps` instruction sub-steps. */
export function rollingRunbook(subSteps: number): string {
  const lines = ['---', 'title: "Rolling at scale"', '---', '', '# Rolling at scale', ''];
  lines.push('## Hosts {window=inside}', '');
  lines.push('### Look at every host {#roll kind=rolling group=compute order=batches batch=25}', '');
  for (let sub = 1; sub <= subSteps; sub += 1)
    lines.push(`#### Check ${sub} {#check-${sub} kind=instruction}`, '', 'Look at {{host}}.', '');
  return lines.join('\n');
}
