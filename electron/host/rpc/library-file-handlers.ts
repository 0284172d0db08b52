import type { RpcServer } from '../../../shared/rpc/server';
import type { Handlers } from '../../../shared/rpc/server';
import type { LibraryFiles } from '../runbook-library/library-files';

/** The library as a folder of Markdown files (issue 9, part 6). */
export function libraryFileHandlers(files: LibraryFiles, server: () => RpcServer): Handlers {
  return {
    'library.exportFiles': () => ({ files: files.export() }),
    'library.importFiles': async ({ files: input, author }, { signal }) => {
      const summary = await files.import(input, author, signal);
      for (const { id } of summary.created) server().broadcast('runbooks.changed', { id, change: 'created' });
      for (const { id } of summary.revised) server().broadcast('runbooks.changed', { id, change: 'revised' });
      return summary;
    },
  };
}
