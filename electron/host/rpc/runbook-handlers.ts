import type { EventPayload } from '../../../shared/contract/index';
import type { Handlers, RpcServer } from '../../../shared/rpc/server';
import { InspectionCache } from '../runbook-library/inspection-cache';
import { diffTexts } from '../runbook-library/revision-diff';
import {
  inspectSource,
  normalizeModel,
  normalizeSource,
  reviewGuide,
  runbookFileName,
} from '../runbook-library/runbook-codec';
import { listTemplates, readTemplate } from '../runbook-library/templates';
import type { RunbookRepository } from '../store/runbook-repository';

/**
 * The library's requests. Every change is committed (synchronous=FULL) before the answer goes out
 * and before other clients hear of it through `runbooks.changed`.
 */
export function runbookHandlers(
  runbooks: RunbookRepository,
  server: () => RpcServer,
  templatesDir: string,
): Handlers {
  const changed = (payload: EventPayload<'runbooks.changed'>): void =>
    server().broadcast('runbooks.changed', payload);
  const inspections = new InspectionCache();

  return {
    'runbooks.list': ({ query }) => runbooks.list(query),
    'runbooks.count': () => ({ count: runbooks.count() }),
    'runbooks.get': ({ id }) => {
      const head = runbooks.head(id);
      return { ...head, ...inspections.inspect(head.source, runbookFileName(head.title)) };
    },
    'runbooks.create': (params) => {
      const created = runbooks.create(params);
      changed({ id: created.id, change: 'created' });
      return created;
    },
    'runbooks.importPreview': ({ text, fileName }) => reviewGuide(text, fileName),
    'runbooks.importAccept': ({ text, fileName }) => {
      const review = reviewGuide(text, fileName);
      const { runbook, source } = normalizeModel(review.runbook, fileName, 'params.text');
      const created = runbooks.create({
        title: runbook.title,
        description: runbook.description,
        source,
        message: `Imported from ${fileName}`,
      });
      changed({ id: created.id, change: 'created' });
      return created;
    },
    'runbooks.saveRevision': ({ id, baseRevision, message, content }) => {
      const fileName = runbookFileName(runbooks.head(id).title);
      const { runbook, source } =
        content.kind === 'markdown'
          ? normalizeSource(content.source, fileName, 'params.content.source')
          : normalizeModel(content.runbook, fileName, 'params.content.runbook');
      const saved = runbooks.saveRevision(id, {
        baseRevision,
        title: runbook.title,
        description: runbook.description,
        source,
        message,
      });
      changed({ id, change: 'revised' });
      return saved;
    },
    'runbooks.parse': ({ source }) => inspections.inspect(source, 'runbook.md'),
    'runbooks.serialize': ({ runbook }) => ({
      source: normalizeModel(runbook, 'runbook.md', 'params.runbook').source,
    }),
    'runbooks.revisions': ({ id }) => runbooks.revisions(id),
    'runbooks.revision': ({ id, revision }) => runbooks.revision(id, revision),
    'runbooks.diff': async ({ id, from, to }) => {
      const [older, newer] = [runbooks.revision(id, from), runbooks.revision(id, to)];
      const hunks = await diffTexts(older.source, newer.source);
      const lines = hunks.flatMap((hunk) => hunk.lines);
      return {
        from,
        to,
        added: lines.filter((line) => line.kind === 'added').length,
        removed: lines.filter((line) => line.kind === 'removed').length,
        hunks,
      };
    },
    'runbooks.duplicate': ({ id, title }) => {
      const head = runbooks.head(id);
      const copyTitle = title ?? `${head.title} (copy)`;
      const { runbook, source } = retitle(head.source, copyTitle, runbookFileName(head.title));
      const created = runbooks.create({
        title: copyTitle,
        description: runbook?.description ?? head.description,
        source,
        message: `Duplicated from "${head.title}" revision ${head.revision}`,
      });
      changed({ id: created.id, change: 'created' });
      return created;
    },
    'runbooks.delete': ({ id }) => {
      runbooks.delete(id);
      changed({ id, change: 'deleted' });
      return { id };
    },
    'runbooks.restore': ({ id }) => {
      const restored = runbooks.restore(id);
      changed({ id, change: 'restored' });
      return restored;
    },
    'runbooks.export': ({ id, revision }) => {
      const chosen = revision === undefined ? runbooks.head(id) : runbooks.revision(id, revision);
      return { fileName: runbookFileName(chosen.title, revision), text: chosen.source };
    },
    'runbooks.templates': () => listTemplates(templatesDir),
    'runbooks.createFromTemplate': ({ templateId }) => {
      const { runbook, source } = normalizeSource(
        readTemplate(templatesDir, templateId),
        templateId,
        'params.templateId',
      );
      const created = runbooks.create({
        title: runbook.title,
        description: runbook.description,
        source,
        message: `Created from the bundled template ${templateId}`,
      });
      changed({ id: created.id, change: 'created' });
      return created;
    },
  };
}

/** The file with a new title in its front matter; a file that does not parse is copied as it is. */
function retitle(source: string, title: string, fileName: string) {
  const { runbook } = inspectSource(source, fileName);
  if (runbook === null) return { runbook: null, source };
  return normalizeModel({ ...runbook, title }, fileName, 'params.title');
}
