/**
 * How many bytes browser-mode clients may have in the host's memory at once: bytes read from a
 * socket that are still part of a frame being assembled, plus messages whose request is still
 * being handled. Over a limit, the host stops reading from a socket (TCP backpressure: the client
 * waits, nothing is dropped) until enough is answered.
 *
 * Why: every client may send messages of up to 64 MiB (a 50 MB guide as JSON text), and the
 * `ws` library assembles each frame in memory before the host sees it. Sixteen clients sending
 * 63 MB frames at once took the host to 1.3 GB RSS (issue 18); with these limits the bytes held
 * stay under `total + perConnection + connections × smallAllowance`.
 */
export interface BudgetLimits {
  /** One connection: one largest message in handling and the start of the next. */
  perConnection: number;
  /** All connections together. */
  total: number;
  /**
   * What a connection may hold even while the total is over: keystrokes, pings and other small
   * requests keep flowing while a few large imports are handled.
   */
  smallAllowance: number;
}

const mib = 1024 * 1024;

/**
 * 72 MiB per connection: one 64 MiB message and 8 MiB of what follows it. 128 MiB in all: two
 * largest messages at once (each costs two to three times its size while it is decoded and
 * parsed). 1 MiB each for small traffic: far above a terminal's keystrokes or a run action.
 */
export const browserModeBudget: BudgetLimits = {
  perConnection: 72 * mib,
  total: 128 * mib,
  smallAllowance: 1 * mib,
};

/** What the budget can do to a connection: stop and start reading from it. */
export interface Throttle {
  pause(): void;
  resume(): void;
}

/** One connection's share; every call rebalances which connections may read. */
export interface ConnectionBudget {
  /** Bytes read from the socket. */
  received(bytes: number): void;
  /** A data message was assembled: its bytes move from assembling to handling. Returns its weight. */
  messageArrived(): number;
  /** A control frame (ping, pong) was read and answered: nothing of it is held any more. */
  controlFrameRead(): void;
  /** The request of a message of that weight has been answered. */
  handled(weight: number): void;
  /** The connection closed: everything it held is released. */
  close(): void;
}

class Share implements ConnectionBudget {
  assembling = 0;
  handling = 0;
  paused = false;

  constructor(
    private readonly budget: InFlightBudget,
    readonly throttle: Throttle,
  ) {}

  get held(): number {
    return this.assembling + this.handling;
  }

  received(bytes: number): void {
    this.assembling += bytes;
    this.budget.rebalance();
  }

  messageArrived(): number {
    // The chunk that ended this message may also hold the start of the next: it is counted here,
    // so the next message is counted short by less than one socket read (64 KiB). Resetting at
    // every message keeps frame headers from adding up over a long-lived connection.
    const weight = this.assembling;
    this.assembling = 0;
    this.handling += weight;
    this.budget.rebalance();
    return weight;
  }

  controlFrameRead(): void {
    this.assembling = 0;
    this.budget.rebalance();
  }

  handled(weight: number): void {
    this.handling = Math.max(0, this.handling - weight);
    this.budget.rebalance();
  }

  close(): void {
    this.assembling = 0;
    this.handling = 0;
    this.budget.forget(this);
  }
}

export class InFlightBudget {
  private readonly shares = new Set<Share>();
  private highest = 0;

  constructor(readonly limits: BudgetLimits = browserModeBudget) {}

  open(throttle: Throttle): ConnectionBudget {
    const share = new Share(this, throttle);
    this.shares.add(share);
    return share;
  }

  /** Bytes held by all connections now. */
  get held(): number {
    let sum = 0;
    for (const share of this.shares) sum += share.held;
    return sum;
  }

  /** The most bytes held at once since the start (for tests and diagnostics). */
  get peak(): number {
    return this.highest;
  }

  /** Connections that may not read now. */
  get pausedCount(): number {
    return [...this.shares].filter((share) => share.paused).length;
  }

  forget(share: Share): void {
    this.shares.delete(share);
    this.rebalance();
  }

  /**
   * Pauses every connection over its own limit, and, while the total is over, every connection
   * holding more than the small allowance. When nothing is being handled, nothing will be released
   * by waiting: the connection furthest into a frame may then finish it (at most one more largest
   * message), so that partly received frames can never wait on each other for ever.
   */
  rebalance(): void {
    const total = this.held;
    this.highest = Math.max(this.highest, total);
    const over = total > this.limits.total;
    const wanted = new Map<Share, boolean>();
    for (const share of this.shares) {
      const ownLimit = share.held > this.limits.perConnection;
      wanted.set(share, ownLimit || (over && share.held > this.limits.smallAllowance));
    }
    if (over && ![...this.shares].some((share) => share.handling > 0)) {
      const furthest = this.furthestAssembling();
      if (furthest !== undefined) wanted.set(furthest, false);
    }
    for (const [share, pause] of wanted) {
      if (pause === share.paused) continue;
      share.paused = pause;
      if (pause) share.throttle.pause();
      else share.throttle.resume();
    }
  }

  private furthestAssembling(): Share | undefined {
    let furthest: Share | undefined;
    for (const share of this.shares) {
      if (share.assembling === 0 || share.held > this.limits.perConnection) continue;
      if (furthest === undefined || share.assembling > furthest.assembling) furthest = share;
    }
    return furthest;
  }
}
