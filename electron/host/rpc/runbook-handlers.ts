import type { EventPayload } from '../../../shared/contract/index';
import { throwIfCancelled, type Handlers, type RpcServer } from '../../../shared/rpc/server';
import { InspectionCache } from '../runbook-library/inspection-cache';
import { diffTexts } from '../runbook-library/revision-diff';
import { runbookFileName } from '../runbook-library/runbook-codec';
import { listTemplates, readTemplate } from '../runbook-library/templates';
import type { RunbookReader } from '../runbook-reader/runbook-reader';
import type { RunbookRepository } from '../store/runbook-repository';

/**
 * The library's requests. Every change is committed (synchronous=FULL) before the answer goes out
 * and before other clients hear of it through `runbooks.changed`. Every parse of a file runs in
 * the runbook reader's worker, with its limits; a change waits for the read and, if the request
 * was cancelled meanwhile, stores nothing and says `cancelled`.
 */
export function runbookHandlers(
  runbooks: RunbookRepository,
  server: () => RpcServer,
  templatesDir: string,
  reader: RunbookReader,
): Handlers {
  const changed = (payload: EventPayload<'runbooks.changed'>): void =>
    server().broadcast('runbooks.changed', payload);
  const inspections = new InspectionCache(reader);

  return {
    'runbooks.list': ({ query }) => runbooks.list(query),
    'runbooks.count': () => ({ count: runbooks.count() }),
    'runbooks.get': async ({ id }, { signal }) => {
      const head = runbooks.head(id);
      const inspection = await inspections.inspect(head.source, runbookFileName(head.title));
      throwIfCancelled(signal);
      return { ...head, ...inspection };
    },
    'runbooks.create': (params) => {
      const created = runbooks.create(params);
      changed({ id: created.id, change: 'created' });
      return created;
    },
    'runbooks.importPreview': ({ text, fileName }, { signal }) => reader.reviewGuide(text, fileName, signal),
    'runbooks.importAccept': async ({ text, fileName }, { signal }) => {
      const review = await reader.reviewGuide(text, fileName, signal);
      const { runbook, source } = await reader.normalizeModel(
        review.runbook,
        fileName,
        'params.text',
        signal,
      );
      throwIfCancelled(signal);
      const created = runbooks.create({
        title: runbook.title,
        description: runbook.description,
        source,
        message: `Imported from ${fileName}`,
      });
      changed({ id: created.id, change: 'created' });
      return created;
    },
    'runbooks.saveRevision': async ({ id, baseRevision, message, content }, { signal }) => {
      const fileName = runbookFileName(runbooks.head(id).title);
      const { runbook, source } =
        content.kind === 'markdown'
          ? await reader.normalizeSource(content.source, fileName, 'params.content.source', signal)
          : await reader.normalizeModel(content.runbook, fileName, 'params.content.runbook', signal);
      throwIfCancelled(signal);
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
    'runbooks.parse': async ({ source }, { signal }) => {
      const inspection = await inspections.inspect(source, 'runbook.md');
      throwIfCancelled(signal);
      return inspection;
    },
    'runbooks.serialize': async ({ runbook }, { signal }) => ({
      source: (await reader.normalizeModel(runbook, 'runbook.md', 'params.runbook', signal)).source,
    }),
    'runbooks.revisions': ({ id }) => runbooks.revisions(id),
    'runbooks.revision': ({ id, revision }) => runbooks.revision(id, revision),
    'runbooks.diff': async ({ id, from, to }, { signal }) => {
      const [older, newer] = [runbooks.revision(id, from), runbooks.revision(id, to)];
      const hunks = await diffTexts(older.source, newer.source);
      throwIfCancelled(signal);
      const lines = hunks.flatMap((hunk) => hunk.lines);
      return {
        from,
        to,
        added: lines.filter((line) => line.kind === 'added').length,
        removed: lines.filter((line) => line.kind === 'removed').length,
        hunks,
      };
    },
    'runbooks.duplicate': async ({ id, title }, { signal }) => {
      const head = runbooks.head(id);
      const copyTitle = title ?? `${head.title} (copy)`;
      const { runbook, source } = await retitle(reader, head.source, copyTitle, runbookFileName(head.title));
      throwIfCancelled(signal);
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
    'runbooks.templates': () => listTemplates(templatesDir, reader),
    'runbooks.createFromTemplate': async ({ templateId }, { signal }) => {
      const { runbook, source } = await reader.normalizeSource(
        readTemplate(templatesDir, templateId),
        templateId,
        'params.templateId',
        signal,
      );
      throwIfCancelled(signal);
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
async function retitle(reader: RunbookReader, source: string, title: string, fileName: string) {
  const { runbook } = await reader.inspect(source, fileName);
  if (runbook === null) return { runbook: null, source };
  return reader.normalizeModel({ ...runbook, title }, fileName, 'params.title');
}
