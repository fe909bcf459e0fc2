import { reconcileOpenPulls, type ReconcileDeps, type ReconcileResult } from "./reconcile-open-pulls.js";

/** A reconciler pass's dependencies plus its schedule. */
export interface ReconcilerOptions extends ReconcileDeps {
  intervalMs: number;
  /** After each pass (metrics, logs). */
  onPass?: (result: ReconcileResult) => void;
}

/**
 * Runs a reconciler pass at start (what happened while the app was down) and then every `intervalMs`. Passes never
 * overlap: the next one is scheduled when the previous one ends. `stop` waits for a running pass.
 */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    running = reconcileOpenPulls(options)
      .then((result) => options.onPass?.(result), (error: unknown) => options.onError?.(error, "reconciler pass"))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(pass, options.intervalMs).unref();
      });
  };
  // Unref'd: a pending reconciler pass never keeps a stopping process alive.
  timer = setTimeout(pass, 0).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
