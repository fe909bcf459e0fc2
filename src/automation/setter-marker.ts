/**
 * Flux image-automation setter markers: the line comment `# {"$imagepolicy": "<namespace>:<policy>[:tag|:name]"}` on
 * a YAML scalar, naming the ImagePolicy whose latest image the controller writes into that scalar.
 */

/** Which part of the policy's latest image a setter writes: the whole reference, its tag, its name or its digest. */
export type SetterField = "image" | "tag" | "name" | "digest";

export type SetterMarker =
  | { setter: string; namespace: string; policy: string; field: SetterField }
  /** A `$imagepolicy` comment the controller would not resolve to any setter: kept so a change to it is explained. */
  | { setter: string; invalid: string };

const SETTER_KEY = "$imagepolicy";
/** Kubernetes object names: DNS subdomains, so they never contain a colon. */
const NAME = "[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?";
const SETTER = new RegExp(`^(${NAME}):(${NAME})(?::(tag|name|digest))?$`);

/**
 * The marker in a scalar's line comment (the text after `#`, as the yaml library gives it), or null when the comment
 * is not one. Read as the controller reads it (kyaml's field metadata): leading `#`s trimmed, then the rest must be a
 * JSON object of strings with a non-empty `$imagepolicy`; anything else is an ordinary comment.
 */
export function parseSetterMarker(comment: string | null | undefined): SetterMarker | null {
  if (!comment) return null;
  // Only the comment on the scalar's own line counts: later comment lines are not the controller's marker.
  const line = comment.split("\n", 1)[0]!.replace(/^#+/, "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const values = Object.values(parsed);
  if (!values.every((v) => typeof v === "string")) return null;
  const setter = (parsed as Record<string, string>)[SETTER_KEY];
  if (!setter) return null;
  const match = SETTER.exec(setter);
  if (!match) return { setter, invalid: `"${setter}" is not "<namespace>:<policy>" optionally followed by ":tag" or ":name"` };
  return { setter, namespace: match[1]!, policy: match[2]!, field: (match[3] as SetterField | undefined) ?? "image" };
}

/** `ns:policy:tag` as written, for messages. */
export function describeMarker(marker: SetterMarker): string {
  return `# {"${SETTER_KEY}": "${marker.setter}"}`;
}
