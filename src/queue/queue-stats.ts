import type { JobQueue } from "../app/job-queue.js";

/** What the metrics endpoint reports about a queue. */
export interface QueueStats {
  /** Jobs waiting or running. */
  depth: number;
  /** Age of the oldest job waiting or running, in seconds; 0 when the queue is empty. */
  oldestAgeSeconds: number;
}

/** A queue that survives the process: jobs are persisted before `enqueue` resolves. */
export interface DurableJobQueue extends JobQueue {
  stats(): Promise<QueueStats>;
}

/** Stats for any queue: durable ones measure, the in-memory one only knows its depth. */
export async function queueStats(queue: JobQueue): Promise<QueueStats> {
  const durable = queue as Partial<DurableJobQueue>;
  return typeof durable.stats === "function" ? durable.stats() : { depth: queue.depth(), oldestAgeSeconds: 0 };
}
