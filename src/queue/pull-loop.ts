/** How a pull loop takes and runs work. */
export interface PullLoopOptions<T> {
  /** At most this many items run at once. */
  concurrency: number;
  /** How often to look for work nobody announced (retries coming due, leases expiring, other replicas' jobs). */
  pollMs: number;
  /** Takes up to `n` items off the queue (marks them running); an empty array when there is nothing to do. */
  claim(n: number): Promise<T[]>;
  /** Runs one claimed item to its end (including acking it); must not throw. */
  run(item: T): Promise<void>;
  /** A claim that failed (database unreachable): reported, then tried again at the next poll. */
  onError(error: unknown): void;
}

/** A running pull loop. */
export interface PullLoop {
  start(): void;
  /** Work was just enqueued here: look now rather than at the next poll. */
  wake(): void;
  /** Stops claiming and waits for the running items. */
  stop(): Promise<void>;
  running(): number;
}

/**
 * Workers pull: items are claimed only when a slot is free, so a burst of deliveries waits in the database, not in
 * memory, and at most `concurrency` evaluations run — the backpressure both durable queues share.
 */
export function createPullLoop<T>(options: PullLoopOptions<T>): PullLoop {
  const active = new Set<Promise<void>>();
  let started = false;
  let stopped = false;
  let claiming = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async (): Promise<void> => {
    if (!started || stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    const free = options.concurrency - active.size;
    if (free <= 0) return;
    claiming = true;
    again = false;
    let items: T[] = [];
    try {
      items = await options.claim(free);
    } catch (error) {
      options.onError(error);
    } finally {
      claiming = false;
    }
    for (const item of items) {
      const run: Promise<void> = options.run(item).finally(() => {
        active.delete(run);
        void tick();
      });
      active.add(run);
    }
    // A full batch, or a wake-up while claiming, means there may be more waiting.
    if (!stopped && (again || (items.length > 0 && items.length === free))) void tick();
  };

  const schedule = () => {
    timer = setTimeout(() => {
      void tick().finally(() => {
        if (!stopped) schedule();
      });
    }, options.pollMs);
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule();
      void tick();
    },
    wake() {
      queueMicrotask(() => void tick());
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (active.size > 0) await Promise.allSettled([...active]);
    },
    running: () => active.size,
  };
}
