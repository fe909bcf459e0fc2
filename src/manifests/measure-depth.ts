/**
 * How deeply a parsed value nests, without recursion: `"cycle"` when an alias refers to one of its own ancestors
 * (Kubernetes' YAML decoder refuses those, and any recursive walk over them would never end), or the depth once it
 * exceeds `limit` (the walk stops there, so a hostile value costs at most `limit` levels of work per branch).
 */
export function measureDepth(value: unknown, limit: number): number | "cycle" {
  let max = 0;
  // Each frame is one container and the iterator over its children; `onPath` holds the containers above the cursor.
  const stack: Array<{ node: object; children: Iterator<unknown> }> = [];
  const onPath = new Set<object>();
  const enter = (node: unknown): "cycle" | "ok" => {
    if (node === null || typeof node !== "object") return "ok";
    if (onPath.has(node)) return "cycle";
    onPath.add(node);
    const children = Array.isArray(node) ? node.values() : Object.values(node).values();
    stack.push({ node, children });
    if (stack.length > max) max = stack.length;
    return "ok";
  };
  if (enter(value) === "cycle") return "cycle";
  while (stack.length > 0) {
    if (max > limit) return max;
    const top = stack[stack.length - 1]!;
    const next = top.children.next();
    if (next.done) {
      onPath.delete(top.node);
      stack.pop();
      continue;
    }
    if (enter(next.value) === "cycle") return "cycle";
  }
  return max;
}
