import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { importGuide } from '../../electron/host/runbook/index';
import { guidesDir, seedsDir, sharedSkipReason } from '../support/shared-guides';
import { compared, measure, type Benchmark, type Figure } from './harness';

/**
 * import: each seed guide, the largest guide of ../shared/guides, a testbed script and a 5 MB
 * generated guide through the importer, against a bare
 * Markdown parse (remark, no importer logic) of the same text: the ratio is what the importer adds
 * on top of parsing.
 */
export const importBenchmark: Benchmark = {
  name: 'import',
  description: 'importing each seed guide, the largest real guide, a shell script and a 5 MB generated guide',
  async run() {
    // Without ../shared (a clone on its own) only the generated guide is measured; CI needs it.
    const missing = sharedSkipReason();
    if (missing !== undefined) console.log(`  ${missing}`);
    const guides =
      missing !== undefined
        ? []
        : [
            ...readGuides(seedsDir, /\.(md|rst)$/),
            // The largest real guide and a shell script, through the Markdown and script readers.
            ...readGuides(
              guidesDir,
              /^(?:osism__migration-guide__cephadm__index\.md|testbed__scripts__deploy__300-openstack\.sh)$/,
            ),
          ];
    guides.push({ name: 'generated-5MB.md', text: generatedGuide(5 * 1024 * 1024) });
    const figures: Figure[] = [];
    for (const guide of guides) {
      const big = guide.text.length > 1_000_000;
      // The 5 MB guide takes tens of seconds per import here: one warm-up would double the cost for little.
      const options = big ? { warmup: 0, runs: 3 } : { warmup: 3, runs: 15 };
      const imported = await measure(() => void importGuide(guide.text, guide.name), options);
      // The baseline for a script is the same bare Markdown parse: the cost of reading the text.
      const parsed = await measure(() => void unified().use(remarkParse).parse(guide.text), options);
      const size = `${(Buffer.byteLength(guide.text) / 1024).toFixed(0)} kB`;
      figures.push(
        compared('import', `${guide.name} (${size})`, 'ms', imported, {
          name: 'bare remark parse',
          sample: parsed,
        }),
      );
    }
    return figures;
  },
};

function readGuides(dir: string, names: RegExp): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((name) => names.test(name) && !name.startsWith('README'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** A Markdown upgrade guide of about `bytes` bytes: phases, steps, console blocks, admonitions. */
function generatedGuide(bytes: number): string {
  const parts = ['---\ntitle: Generated upgrade guide\n---\n\n# Generated upgrade guide\n'];
  let size = parts[0]!.length;
  for (let phase = 1; size < bytes; phase++) {
    const section = [`\n## Phase ${phase}: upgrade of service ${phase}\n`];
    for (let step = 1; step <= 20; step++) {
      section.push(
        `\n### Step ${phase}.${step}: update component ${step}\n\nPull the images for component ${step}, then roll it out host by host.\n`,
        `\n:::warning\nDo not run this before the backups of phase ${phase} have finished.\n:::\n`,
        '\n```console\n$ kayobe overcloud container image pull --limit controllers\n$ kayobe overcloud service upgrade --kolla-tags nova\nPLAY RECAP ****\n```\n',
      );
    }
    const text = section.join('');
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}
