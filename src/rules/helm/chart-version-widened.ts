import { stringAt } from "../../manifests/read-value.js";
import { rangeWidening } from "../image/range-widening.js";
import { isBoundedSemverRange } from "../image/semver-range.js";
import type { ChangeRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { chartSpecPath, chartVersion } from "./unbounded-chart-version.js";

/** A chart version constraint that stays bounded but lets more releases in than at base. */
export const chartVersionWidened: ChangeRule = {
  id: "helm/chart-version-widened",
  severity: "medium",
  title: "Chart version range widened",
  description:
    "A HelmRelease's `spec.chart.spec.version` (or a HelmChart's `spec.version`), for a chart from a HelmRepository, stays bounded but lets releases move further than at base: from one version to new patches, from patches to new minors (`1.16.x` to `^1.16`), or to new majors. Moving the same window up (`1.16.x` to `1.17.x`) is a routine upgrade and is not reported; an unbounded constraint is `helm/unbounded-chart-version`'s.",
  why: "Every release inside the range is installed on the next reconcile, with no commit here: widening it hands the chart publisher (or whoever compromises the Helm repository) more room to change what runs, new defaults included, without review.",
  fix: "Keep the constraint to the releases you have reviewed (a pinned version or `1.16.x`), and move it up in a reviewed change.",
  examples: {
    base: release("", { version: "1.16.x" }),
    bad: release("", { version: "^1.16.0" }),
    good: release("", { version: "1.17.x" }),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head) return [];
    const [basePath, headPath] = [chartSpecPath(base), chartSpecPath(head)];
    if (basePath === null || headPath === null || stringAt(head.value, [...headPath, "sourceRef", "kind"]) !== "HelmRepository") return [];
    const [before, after] = [chartVersion(base, basePath), chartVersion(head, headPath)];
    if (before === "" || before === after || !isBoundedSemverRange(after)) return [];
    const widened = rangeWidening(before, after);
    return widened ? [{ message: `${headPath.join(".")}.version ${widened}.`, at: [...headPath, "version"], key: `version:${before}->${after}` }] : [];
  },
};
