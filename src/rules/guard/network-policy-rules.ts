import { arrayAt, isRecord, recordAt, stringAt } from "../../manifests/read-value.js";

/** What the NetworkPolicy rules compare: isolation directions, open peers, pod selectors. */

/** A NetworkPolicy rule list, named as in `spec`. */
export type Direction = "ingress" | "egress";
/** Both directions, ingress first. */
export const DIRECTIONS: readonly Direction[] = ["ingress", "egress"];
const TYPE: Record<Direction, string> = { ingress: "Ingress", egress: "Egress" };

/**
 * The directions a NetworkPolicy isolates, as the API server defaults them: `policyTypes` when set, else Ingress
 * always and Egress when the policy has egress rules.
 */
export function isolatedDirections(spec: unknown): Set<Direction> {
  const types = arrayAt(spec, ["policyTypes"]);
  if (types.length > 0) return new Set(DIRECTIONS.filter((d) => types.includes(TYPE[d])));
  return new Set<Direction>(arrayAt(spec, ["egress"]).length > 0 ? ["ingress", "egress"] : ["ingress"]);
}

/** How widely a rule's peers open, widest first; null when the peers are restricted. */
export type Openness = "anyone" | "any-address" | "any-namespace";
const RANK: Record<Openness, number> = { anyone: 3, "any-address": 2, "any-namespace": 1 };

/** The widest opening among a rule's peers (`from` for ingress, `to` for egress), or null. */
export function openness(rule: unknown, direction: Direction): Openness | null {
  const peers = arrayAt(rule, [direction === "ingress" ? "from" : "to"]);
  if (peers.length === 0) return "anyone";
  let widest: Openness | null = null;
  for (const peer of peers) {
    const found = peerOpenness(peer);
    if (found && (!widest || RANK[found] > RANK[widest])) widest = found;
  }
  return widest;
}

function peerOpenness(peer: unknown): Openness | null {
  const cidr = stringAt(peer, ["ipBlock", "cidr"]);
  if (cidr !== null && /^(?:0\.0\.0\.0|::)\/0$/.test(cidr.trim())) return "any-address";
  const namespaces = recordAt(peer, ["namespaceSelector"]);
  const pods = recordAt(peer, ["podSelector"]);
  if (namespaces && isEmptySelector(namespaces) && (!pods || isEmptySelector(pods))) return "any-namespace";
  return null;
}

/** A phrase naming the opening, e.g. "every source (the rule has no from)". */
export function describeOpenness(open: Openness, direction: Direction): string {
  if (open === "any-address") return "the whole address space (an ipBlock of 0.0.0.0/0 or ::/0)";
  if (open === "any-namespace") return "every pod in every namespace (namespaceSelector: {})";
  return direction === "ingress" ? "every source (the rule has no from)" : "every destination (the rule has no to)";
}

/** True when `base`'s rule already let in at least what the open `head` rule does (same or wider peers, its ports). */
export function covers(base: unknown, head: unknown, direction: Direction): boolean {
  const [from, to] = [openness(base, direction), openness(head, direction)];
  if (!from || !to || RANK[from] < RANK[to] || (from !== to && from !== "anyone")) return false;
  const basePorts = arrayAt(base, ["ports"]).map(portKey);
  if (basePorts.length === 0) return true;
  const headPorts = arrayAt(head, ["ports"]).map(portKey);
  return headPorts.length > 0 && headPorts.every((p) => basePorts.includes(p));
}

function portKey(port: unknown): string {
  const p = isRecord(port) ? port : {};
  return JSON.stringify([p.protocol ?? "TCP", p.port ?? null, p.endPort ?? null]);
}

/**
 * The requirements of a label selector as comparable strings. A selector whose requirements include all of another's
 * selects a subset of its pods; when `head`'s are not all among `base`'s, some pods `base` selected may be left out.
 */
export function selectorRequirements(selector: unknown): string[] {
  const labels = recordAt(selector, ["matchLabels"]) ?? {};
  const fromLabels = Object.entries(labels).map(([key, value]) => JSON.stringify([key, "In", [String(value)]]));
  const fromExpressions = arrayAt(selector, ["matchExpressions"]).map((e) => {
    const values = arrayAt(e, ["values"]).map(String).sort();
    return JSON.stringify([stringAt(e, ["key"]), stringAt(e, ["operator"]), values]);
  });
  return [...new Set([...fromLabels, ...fromExpressions])];
}

function isEmptySelector(selector: Record<string, unknown>): boolean {
  return selectorRequirements(selector).length === 0;
}
