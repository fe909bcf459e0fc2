import type { EvaluationJob } from "./evaluation-job.js";

export type JobWorker = (job: EvaluationJob) => Promise<void>;

/**
 * Where accepted deliveries wait for a worker. The webhook handler only enqueues; evaluation never runs inside
 * GitHub's delivery window. Implementations: in-memory (this process), and durable stores.
 */
export interface JobQueue {
  /** Accepts a job; a job whose key is already waiting collapses into it. */
  enqueue(job: EvaluationJob): Promise<{ duplicate: boolean }>;
  /** Starts handing jobs to `worker`, at most `concurrency` at a time. */
  start(worker: JobWorker): void;
  /** Stops taking new jobs and waits for running ones. */
  stop(): Promise<void>;
  /** Jobs waiting or running. */
  depth(): number;
}

export interface MemoryQueueOptions {
  concurrency: number;
  /** Called when a worker throws (workers report their own failures; this is the last resort). */
  onError?: (error: unknown, job: EvaluationJob) => void;
}

/**
 * The single-process queue: bounded concurrency, duplicates collapsed while waiting. A job that is running when an
 * identical one arrives runs again afterwards (the second delivery may carry a newer base).
 */
export function createMemoryQueue({ concurrency, onError }: MemoryQueueOptions): JobQueue {
  const waiting = new Map<string, EvaluationJob>();
  const running = new Set<Promise<void>>();
  let worker: JobWorker | null = null;
  let stopped = false;

  const pump = () => {
    while (worker && !stopped && running.size < concurrency && waiting.size > 0) {
      const [key, job] = waiting.entries().next().value as [string, EvaluationJob];
      waiting.delete(key);
      const run: Promise<void> = worker(job)
        .catch((error: unknown) => onError?.(error, job))
        .finally(() => {
          running.delete(run);
          pump();
        });
      running.add(run);
    }
  };

  return {
    async enqueue(job) {
      if (stopped) throw new Error("the queue is stopped: the process is shutting down");
      const duplicate = waiting.has(job.key);
      if (!duplicate) waiting.set(job.key, job);
      queueMicrotask(pump);
      return { duplicate };
    },
    start(w) {
      worker = w;
      pump();
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...running]);
    },
    depth: () => waiting.size + running.size,
  };
}
