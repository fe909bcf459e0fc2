/**
 * Processes the bench started (the app runs in its own process group, detached): killed if the bench itself is
 * interrupted, so an aborted run leaves nothing behind.
 */
const groups = new Set<number>();
const children = new Set<number>();

export function trackGroup(pid: number): () => void {
  groups.add(pid);
  return () => groups.delete(pid);
}

export function trackChild(pid: number): () => void {
  children.add(pid);
  return () => children.delete(pid);
}

function killAll(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const pid of children) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.once("exit", killAll);
