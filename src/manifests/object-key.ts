/** Splits `apiVersion` into group and version: `apps/v1` → `apps`, `v1`; `v1` → the core group `""`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf("/");
  return slash === -1
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The identity of an object across base and head (design notes §4): group, kind, namespace, name. The version is left
 * out on purpose (`v1beta2` → `v1` is the same object), and an unset namespace stays unset rather than being guessed.
 */
export function objectKey(group: string, kind: string, namespace: string | null, name: string): string {
  return JSON.stringify([group, kind, namespace ?? "", name]);
}
