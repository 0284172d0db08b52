/**
 * The runbook reader's own process (bundled to dist/host/runbook-reader.js). It reads one job at
 * a time; the host times it and kills it when it takes too long, and its heap limit ends it when
 * it grows too large (runbook-reader.ts), so a hostile or pathological file can never hold or
 * take down the host.
 */
import { describeFailure, runJob, type WorkerReply, type WorkerRequest } from './reader-jobs';

if (process.send === undefined) throw new Error('the runbook reader runs as a child process of the host');
const send = (reply: WorkerReply): void => void process.send?.(reply);

send({ kind: 'ready' });
process.on('message', ({ id, job }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { kind: 'done', id, result: runJob(job) };
  } catch (error) {
    reply = { kind: 'failed', id, failure: describeFailure(error) };
  }
  send(reply);
});
// The host going away closes the channel: nothing more to read for.
process.on('disconnect', () => process.exit(0));
