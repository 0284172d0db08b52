import { join } from 'node:path';
import { openDatabase } from '../../electron/host/store/database';
import { prepareControlDir } from '../../electron/host/terminal/ssh/control-dir';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import { CountingSink, startSession } from '../support/session-runner';
import { makeTempDir } from '../support/temp-dir';
import { compared, measure, type Benchmark } from './harness';
import { writeMixedText } from './mixed-text';

/**
 * 10 MB and three runs: under load here recording runs at ~2 MB/s, and the whole `npm run bench`
 * must stay under 10 minutes.
 */
const payloadBytes = 10 * 1000 * 1000;

/**
 * recording-overhead: the host pipeline alone (a TerminalSession on a real pty, the real
 * TranscriptStore on a SQLite file, a sink that acknowledges at once) running `cat` of 10 MB of
 * mixed text, with the transcript recorded against the same session with recording off
 * (SessionSpec.record = false, a switch only this benchmark uses). Time from start to the end
 * of the stream.
 */
export const recordingOverheadBenchmark: Benchmark = {
  name: 'recording-overhead',
  description: `host pipeline on ${payloadBytes / 1e6} MB: transcript recording on vs off`,
  async run() {
    const dir = makeTempDir('handrail-recording-');
    const db = openDatabase(join(dir.path, 'handrail.db'));
    const store = new TranscriptStore(db);
    try {
      const controlDir = prepareControlDir(dir.path);
      const payload = join(dir.path, 'mixed.txt');
      writeMixedText(payload, payloadBytes);
      const once = async (record: boolean): Promise<void> => {
        const sink = new CountingSink();
        const session = startSession({
          store,
          dir: dir.path,
          controlDir,
          sink,
          target: { kind: 'local', shell: '/bin/cat', args: [payload] },
          spec: { record },
        });
        await sink.ended(600_000);
        session.close();
      };
      const on = await measure(() => once(true), { warmup: 1, runs: 3 });
      const off = await measure(() => once(false), { warmup: 1, runs: 3 });
      const rate = (ms: number): number => payloadBytes / 1e6 / (ms / 1000);
      return [
        compared(
          'recording-overhead',
          'host pipeline, recording on',
          'ms',
          on,
          { name: 'recording off', sample: off },
          `on: ${rate(on.median).toFixed(0)} MB/s, off: ${rate(off.median).toFixed(0)} MB/s`,
        ),
      ];
    } finally {
      await store.indexer.close();
      db.close();
      dir.remove();
    }
  },
};
