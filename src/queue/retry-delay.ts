const MAX_DELAY_MS = 10 * 60_000;

/** Exponential backoff after failed attempt number `attempt` (1-based): base, 2×base, 4×base, … capped at 10 minutes. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}
