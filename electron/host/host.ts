import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { RpcServer, type ServerLog } from '../../shared/rpc/server';
import { appHandlers } from './rpc/app-handlers';
import { environmentHandlers } from './rpc/environment-handlers';
import { inventoryHandlers } from './rpc/inventory-handlers';
import { InventoryRepository } from './inventories/inventory-repository';
import { EnvironmentRepository } from './environments/environment-repository';
import { RunEngine } from './run/run-engine';
import { runHandlers } from './rpc/run-handlers';
import { reportHandlers } from './rpc/report-handlers';
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
import { openDatabase, schemaVersion } from './store/database';
import { databaseFileName, prepareDataDir } from './store/data-dir';
import { RunbookRepository } from './store/runbook-repository';

export interface HostOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string | undefined;
  log?: ServerLog;
  /**
   * Recover what the last host left (runs in flight, open sessions, SSH masters). The app and
   * browser mode do; the CLI's commands, which may open the data folder beside a running app,
   * pass false so as not to touch that app's runs and connections.
   */
  recover?: boolean;
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
  const db = openDatabase(join(dataDir, databaseFileName), { nativeBinding: options.nativeBinding });
  const runbooks = new RunbookRepository(db);
  const terminals = new TerminalManager(db, dataDir, options.log);
  const environments = new EnvironmentRepository(db);
  const engine = new RunEngine(
    db,
    environments,
    terminals,
    (update) => server.broadcast('runs.changed', update),
    options.log,
  );
  const runSource = runSourceFor(engine, runbooks);
  const reports = new ReportService(db, dataDir, runSource);
  const reviews = new ReviewService(db, runSource, reports);
  const info = () => ({
    name: 'Handrail' as const,
    version: options.version,
    schemaVersion: schemaVersion(db),
    dataDir,
  });
  const server: RpcServer = new RpcServer(
    {
      ...appHandlers(info),
      ...runbookHandlers(runbooks, () => server, templatesDir()),
      ...terminalHandlers(terminals),
      ...environmentHandlers(
        environments,
        () => server,
        (id) => engine.store.activeRunIn(id),
      ),
      ...runHandlers(engine),
      ...reportHandlers(reports),
      ...reviewHandlers(reviews),
      ...searchHandlers(new SearchService(db)),
      ...libraryFileHandlers(new LibraryFiles(db, runbooks), () => server),
      ...replayHandlers(new ReplayService(db)),
      ...inventoryHandlers(new InventoryRepository(db), environments, terminals, () => server),
    },
    options.log,
  );
  if (options.recover !== false) {
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
      db.close();
    },
  };
}
