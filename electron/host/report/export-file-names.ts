import type { RunBundle } from './run-bundle';

/** Each text form's file extension and media type. */
export const documentTypes = {
  html: { extension: 'html', mediaType: 'text/html' },
  markdown: { extension: 'md', mediaType: 'text/markdown' },
  json: { extension: 'json', mediaType: 'application/json' },
} as const;

/** An export's file name without extension: runbook and environment as a slug, and the run's id. */
export function fileBase(bundle: Pick<RunBundle, 'run'>): string {
  const slug = `${bundle.run.run.runbookTitle}-${bundle.run.run.environment.name}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'run'}-${bundle.run.run.id.slice(0, 8)}`;
}
