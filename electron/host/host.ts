import { storageSummary } from './store/storage-summary';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { RpcServer, type ServerLog } from '../../shared/rpc/server';
import { appHandlers } from './rpc/app-handlers';
import { environmentHandlers } from './rpc/environment-handlers';
import { inventoryHandlers } from './rpc/inventory-handlers';
import { approvalHandlers } from './rpc/approval-handlers';
import { ApprovalService } from './approval/approval-service';
import { InventoryRepository } from './inventories/inventory-repository';
import { EnvironmentRepository } from './environments/environment-repository';
import { RunEngine } from './run/run-engine';
import { runHandlers } from './rpc/run-handlers';
import { maskingRunSecrets } from './rpc/run-secret-masking';
import { reportHandlers } from './rpc/report-handlers';
import { auditHandlers } from './rpc/audit-handlers';
import { AuditService } from './audit/audit-service';
import { trustHandlers } from './rpc/trust-handlers';
import { judgeByWorkspace } from './trust/workspace-judgement';
import { WorkspaceTrust } from './trust/workspace-trust';
import { ReportService } from './report/report-service';
import { runSourceFor } from './report/run-source';
import { runbookHandlers } from './rpc/runbook-handlers';
import { reviewHandlers } from './rpc/review-handlers';
import { ReviewService } from './review/review-service';
import { searchHandlers } from './rpc/search-handlers';
import { SearchService } from './search/search-service';
import { libraryFileHandlers } from './rpc/library-file-handlers';
import { LibraryFiles } from './runbook-library/library-files';
import { replayHandlers } from './rpc/replay-handlers';
import { ReplayService } from './replay/replay-service';
import { terminalHandlers } from './rpc/terminal-handlers';
import { TerminalManager } from './terminal/terminal-manager';
import { templatesDir } from './runbook-library/templates-dir';
import { prepareFirstStart } from './sandbox/first-start';
import { RunbookReader } from './runbook-reader/runbook-reader';
import { openDatabase, schemaVersion } from './store/database';
import { databaseFileName, prepareDataDir } from './store/data-dir';
import { lockDataDir } from './store/data-dir-lock';
import { RunbookRepository } from './store/runbook-repository';

export interface HostOptions {
  dataDir: string;
  version: string;
  log?: ServerLog;
  /** Who opens the folder, as the refusal of a second host names it ("handrail serve"). */
  owner?: string;
  /**
   * Only reads, beside a host that may hold the folder (`handrail runs`, `handrail report`): no
   * lock, no migration, no recovery, and the database opened read-only.
   */
  readOnly?: boolean;
  /**
   * Unwritten terminal output each session may hold while writes fail (transcript-writer.ts,
   * 32 MiB when left out). The disk-full suite sets it small to make a gap with little output.
   */
  transcriptHeldBytes?: number;
  /**
   * A fresh data folder gets the bundled templates and the Sandbox training environment
   * (sandbox/first-start.ts). The app and `handrail serve` ask for it; tests that need an empty
   * folder leave it out.
   */
  practiceSandbox?: boolean;
}

/** The host's services behind one RPC server; the entry points attach transports to it. */
export interface Host {
  readonly server: RpcServer;
  readonly db: Database;
  readonly dataDir: string;
  readonly reports: ReportService;
  readonly runs: RunEngine;
  close(): void;
}

export function createHost(options: HostOptions): Host {
  const dataDir = prepareDataDir(options.dataDir);
  const readOnly = options.readOnly === true;
  // Before the database is opened, and so before migrations and recovery (store/data-dir-lock.ts).
  const lock = readOnly ? undefined : lockDataDir(dataDir, options.owner ?? 'Handrail');
  let db: Database;
  try {
    db = openDatabase(join(dataDir, databaseFileName), { readonly: readOnly });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const runbooks = new RunbookRepository(db);
  const reader = new RunbookReader();
  // A recording fault goes to every connection, and to the run whose terminal it is (issue 18).
  const terminals = new TerminalManager(
    db,
    dataDir,
    options.log,
    (report) => {
      server.broadcast('terminals.recording', report);
      engine.recordingFault(report);
    },
    options.transcriptHeldBytes,
  );
  const environments = new EnvironmentRepository(db);
  const inventories = new InventoryRepository(db);
  const engine: RunEngine = new RunEngine(
    db,
    environments,
    terminals,
    (update) => server.broadcast('runs.changed', update),
    options.log,
    (fault) => server.broadcast('runs.fault', fault),
  );
  const runSource = runSourceFor(engine, runbooks);
  const reports = new ReportService(db, dataDir, runSource);
  const reviews = new ReviewService(db, runSource, reports);
  const trust = new WorkspaceTrust(db);
  const info = () => ({
    name: 'Handrail' as const,
    version: options.version,
    schemaVersion: schemaVersion(db),
    dataDir,
  });
  const server: RpcServer = new RpcServer(
    maskingRunSecrets(
      {
        ...appHandlers(info, () => storageSummary(db, dataDir)),
        ...runbookHandlers(runbooks, () => server, templatesDir(), reader),
        ...terminalHandlers(terminals),
        ...environmentHandlers(
          environments,
          () => server,
          (id) => engine.store.activeRunIn(id),
        ),
        ...runHandlers(engine),
        ...reportHandlers(reports, reader, (verification) => judgeByWorkspace(trust, verification)),
        ...trustHandlers(trust, reports),
        ...reviewHandlers(reviews),
        ...searchHandlers(new SearchService(db), terminals.store.indexer),
        ...libraryFileHandlers(new LibraryFiles(db, runbooks, reader), () => server),
        ...replayHandlers(new ReplayService(db)),
        ...inventoryHandlers(inventories, environments, terminals, () => server),
        ...approvalHandlers(new ApprovalService(db, dataDir, engine)),
        ...auditHandlers(new AuditService(db, reports, engine), reports),
      },
      (id) => engine.secretsOf(id),
    ),
    options.log,
  );
  if (!readOnly && options.practiceSandbox === true) {
    const announce = ({ runbookId, environmentId }: { runbookId?: string; environmentId?: string }) => {
      if (runbookId !== undefined) server.broadcast('runbooks.changed', { id: runbookId, change: 'created' });
      if (environmentId !== undefined) server.broadcast('environments.changed', { id: environmentId });
    };
    const parts = {
      dataDir,
      environments,
      inventories,
      runbooks,
      reader,
      templatesDir: templatesDir(),
      announce,
    };
    prepareFirstStart(parts).catch((error: unknown) =>
      options.log?.('preparing the practice sandbox failed', error),
    );
  }
  if (!readOnly) {
    engine.recover();
    terminals
      .recoverOrphans()
      .catch((error: unknown) => options.log?.('closing what the last host left failed', error));
  }
  return {
    server,
    db,
    dataDir,
    reports,
    runs: engine,
    close() {
      server.closeAll();
      engine.close();
      terminals.closeAll();
      void reader.close();
      db.close();
      lock?.release();
    },
  };
}
