/**
 * The runbook the crash loop executes: many short steps so that 200 host lifetimes never run out
 * of work. Instructions are marked done; commands sleep a little so a kill often lands while one
 * is running (the in-flight case the loop must find `unknown` afterwards).
 */
export function crashRunbookSource(pairs: number): string {
  const steps: string[] = [];
  for (let index = 0; index < pairs; index += 1) {
    steps.push(`### Confirm item ${index} {#confirm-${index} kind=instruction}\n\nRead and confirm.\n`);
    steps.push(
      `### Run item ${index} {#run-${index} kind=command}\n\n` +
        '```bash run expect-exit=0\n' +
        `sleep 0.$((RANDOM % 4)); echo item-${index}-done\n` +
        '```\n',
    );
  }
  return `---\ntitle: "Crash loop"\n---\n\n# Crash loop\n\n## Work {window=inside}\n\n${steps.join('\n')}`;
}
