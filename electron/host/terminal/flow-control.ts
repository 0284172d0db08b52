import { terminalAckChars } from '../../../shared/contract/terminals';

/**
 * Output to the screen, batched and acknowledged. Output after a quiet moment is sent at once;
 * output that keeps coming is gathered for a frame and sent as one event; the renderer acknowledges characters after xterm has parsed them (its
 * write callback). Above `highWatermarkChars` unacknowledged characters the pty is paused (the
 * program blocks on a full pty), below `lowWatermarkChars` it resumes.
 *
 * Where the numbers started: VS Code's (terminalProcess.ts, FlowControlConstants:
 * HighWatermarkChars 100000, LowWatermarkChars 5000, CharCountAckSize 5000). The team measured
 * the pty paused half the time during a flood with those (issue 17): against this host's 10–30 ms
 * event loop a 100k window that resumes at 5k is stop-and-wait. Where they are now: a 200k window
 * resuming at half, and an acknowledgement per 32 KiB (`terminalAckChars`). Measured with
 * `npm run bench -- echo-latency terminal-throughput` on the 2-core machine (issue 17's note):
 * a 500k window (with 16 ms batches) doubled a keystroke's echo while another terminal floods (p95 80 → 169 ms: the
 * renderer parses the flooding terminal's backlog before the echo), 200k did not (p95 67 ms), and
 * neither changed end-to-end throughput beyond the machine's noise (5.8 vs 5.7 MB/s).
 */
export const flowControl = {
  /**
   * Output after this long without any is sent at once: a keystroke's echo (or the first line of
   * a command's output) does not wait for a batch. VS Code batches everything for 5 ms.
   */
  idleMs: 5,
  /**
   * While output keeps coming it is gathered for 5 ms (VS Code's figure). A 16 ms frame was
   * tried: larger writes made the renderer's xterm.js tasks longer, and a second terminal's echo
   * under a flood waited longer (p95 85 vs 67 ms in `echo-latency`).
   */
  batchMs: 5,
  highWatermarkChars: 200_000,
  lowWatermarkChars: 100_000,
  /** The renderer acknowledges once it has parsed this many characters. */
  ackEveryChars: terminalAckChars,
} as const;

export interface FlowTarget {
  send(text: string): void;
  pause(): void;
  resume(): void;
}

export class FlowController {
  private batch = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unacked = 0;
  private paused = false;
  /** When output last arrived (performance.now()), for telling an echo from a flood. */
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly target: FlowTarget) {}

  write(text: string): void {
    if (text === '') return;
    const now = performance.now();
    const idle = now - this.lastWriteAt >= flowControl.idleMs;
    this.lastWriteAt = now;
    this.batch += text;
    if (idle && this.timer === undefined) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), flowControl.batchMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch === '') return;
    const text = this.batch;
    this.batch = '';
    this.unacked += text.length;
    this.target.send(text);
    if (!this.paused && this.unacked > flowControl.highWatermarkChars) {
      this.paused = true;
      this.target.pause();
    }
  }

  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < flowControl.lowWatermarkChars) {
      this.paused = false;
      this.target.resume();
    }
  }

  /** Nobody is watching (detached): forget what was in flight and let the program run. */
  reset(): void {
    this.unacked = 0;
    if (this.paused) {
      this.paused = false;
      this.target.resume();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = '';
  }
}
