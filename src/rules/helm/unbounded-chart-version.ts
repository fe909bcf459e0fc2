import { stringAt, valueAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { isBoundedSemverRange } from "../image/semver-range.js";
import type { ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { isHelmChart, isHelmRelease } from "./helm-objects.js";

/** Where the chart version and its source sit: a HelmRelease's chart template, or a HelmChart source's spec. */
export function chartSpecPath(object: ManifestObject): NodePath | null {
  if (isHelmRelease(object)) return ["spec", "chart", "spec"];
  return isHelmChart(object) ? ["spec"] : null;
}

/** A chart from a Helm repository whose version constraint lets any newer release in. */
export const unboundedChartVersion: ObjectRule = {
  id: "helm/unbounded-chart-version",
  severity: "medium",
  title: "Chart version without an upper bound",
  description:
    "A HelmRelease's `spec.chart.spec.version` (or a HelmChart's `spec.version`), for a chart from a HelmRepository, is missing or empty (Flux then uses `*`), `*`, or a range with no upper bound (`>=4.0.0`). Exact versions, `1.16.x`, `~1.2`, `^1.2` and `>=1.0.0 <2.0.0` are bounded. Charts from a GitRepository or Bucket are versioned by their source and not checked.",
  why: "Every version the repository publishes later is installed on the next reconcile, with no commit here: a compromised or careless chart publisher (a new major with different defaults, or a malicious release) reaches the cluster without review, the chart-level twin of the threat model's adversary 5.",
  fix: "Pin the version or use a range bounded to the current major (`1.16.x`, `~1.16.0`), and bump it in a reviewed commit.",
  examples: { bad: release("", { version: "*" }), good: release("", { version: "1.16.x" }) },
  scope: "object",
  check(object) {
    const path = chartSpecPath(object);
    if (path === null || stringAt(object.value, [...path, "sourceRef", "kind"]) !== "HelmRepository") return [];
    const version = chartVersion(object, path);
    if (version !== "" && isBoundedSemverRange(version)) return [];
    const where = `${path.join(".")}.version`;
    const message =
      version === ""
        ? `has no ${where}: Flux uses *, the highest version the Helm repository publishes, now or later.`
        : `${where} is "${version}", which has no upper bound: any newer chart the repository publishes is installed.`;
    return [{ message, at: [...path, "version"], key: "version:unbounded" }];
  },
};

/** The chart version constraint as written (`""` when missing); a YAML number (`version: 1.4`) is read as its text. */
export function chartVersion(object: ManifestObject, path: NodePath): string {
  const raw = valueAt(object.value, [...path, "version"]);
  return typeof raw === "string" ? raw.trim() : typeof raw === "number" ? (object.scalarSource([...path, "version"]) ?? String(raw)) : "";
}
