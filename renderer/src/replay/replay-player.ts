/**
 * A transcript chunk ready to write: the bytes and when (ms since the session started), and the
 * size the terminal took just before them, where it was resized.
 */
export interface ReplayBytes {
  atMs: number;
  data: Uint8Array;
  size?: { cols: number; rows: number } | undefined;
}

/** Where the player writes: an xterm.js terminal in the app, a recorder in tests. */
export interface ReplaySink {
  write(data: Uint8Array): void;
  /** After everything written so far, before what follows. */
  resize(cols: number, rows: number): void;
  /** Back to the start: empty, at the session's first size. */
  reset(): void;
}

export const replaySpeeds = [1, 4, 16] as const;
export type ReplaySpeed = (typeof replaySpeeds)[number];

/**
 * Plays a transcript into a sink on a virtual clock: `tick(now)` moves the position by the real
 * time since the last tick times the speed and writes every chunk up to it. Seeking backwards
 * resets the sink and writes everything up to the new position at once (a terminal's screen can
 * only be rebuilt from the start); seeking forwards writes only what is new. The caller supplies
 * the time, so tests drive it without waiting.
 */
export class ReplayPlayer {
  private written = 0;
  private positionMs = 0;
  private lastTick: number | undefined;
  private speedValue: ReplaySpeed = 1;

  constructor(
    private readonly chunks: readonly ReplayBytes[],
    private readonly sink: ReplaySink,
  ) {}

  get position(): number {
    return this.positionMs;
  }

  get duration(): number {
    return this.chunks.at(-1)?.atMs ?? 0;
  }

  get playing(): boolean {
    return this.lastTick !== undefined;
  }

  get speed(): ReplaySpeed {
    return this.speedValue;
  }

  play(now: number): void {
    if (this.positionMs >= this.duration) this.seek(0);
    this.lastTick = now;
  }

  pause(): void {
    this.lastTick = undefined;
  }

  setSpeed(speed: ReplaySpeed, now: number): void {
    if (this.lastTick !== undefined) this.tick(now);
    this.speedValue = speed;
  }

  /** Moves to `ms`; the screen then shows everything written up to and including that moment. */
  seek(ms: number): void {
    const target = Math.max(0, Math.min(ms, this.duration));
    if (target < this.positionMs || this.written > countUpTo(this.chunks, target)) {
      this.sink.reset();
      this.written = 0;
    }
    this.positionMs = target;
    this.writeUpTo(target);
  }

  /** Advances the playing clock to `now`; stops at the end. */
  tick(now: number): void {
    if (this.lastTick === undefined) return;
    const next = this.positionMs + Math.max(0, now - this.lastTick) * this.speedValue;
    this.lastTick = now;
    this.positionMs = Math.min(next, this.duration);
    this.writeUpTo(this.positionMs);
    if (this.positionMs >= this.duration) this.pause();
  }

  private writeUpTo(ms: number): void {
    const end = countUpTo(this.chunks, ms);
    if (end <= this.written) return;
    const pending = this.chunks.slice(this.written, end);
    this.written = end;
    // Runs of chunks between resizes go in one write.
    let run: ReplayBytes[] = [];
    const flush = (): void => {
      if (run.length > 0) this.sink.write(joined(run));
      run = [];
    };
    for (const chunk of pending) {
      if (chunk.size !== undefined) {
        flush();
        this.sink.resize(chunk.size.cols, chunk.size.rows);
      }
      run.push(chunk);
    }
    flush();
  }
}

function joined(chunks: readonly ReplayBytes[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.data.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.data, at);
    at += chunk.data.length;
  }
  return bytes;
}

/** How many chunks were written at or before `ms` (chunks are in time order). */
export function countUpTo(chunks: readonly ReplayBytes[], ms: number): number {
  let low = 0;
  let high = chunks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((chunks[middle] as ReplayBytes).atMs <= ms) low = middle + 1;
    else high = middle;
  }
  return low;
}
