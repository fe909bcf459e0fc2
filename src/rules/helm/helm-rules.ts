import type { Rule } from "../types.js";
import { chartVersionWidened } from "./chart-version-widened.js";
import { foreignTargetNamespace } from "./foreign-target-namespace.js";
import { noServiceAccount } from "./no-service-account.js";
import { POST_RENDERER_RULES } from "./post-renderer-rules.js";
import { unboundedChartVersion } from "./unbounded-chart-version.js";
import { valuesFrom } from "./values-from.js";
import { valuesHardeningRemoved } from "./values-hardening-removed.js";
import { VALUES_RULES } from "./values-rules.js";

/**
 * The `helm/` family: how a HelmRelease installs its chart (identity, namespaces, version, post-renderers) and what
 * its values would make the chart do. `spec.chart.spec.sourceRef` across namespaces is `flux/cross-namespace-ref`'s,
 * and images in values are the `image/` family's.
 */
export const HELM_RULES: Rule[] = [
  noServiceAccount,
  ...VALUES_RULES,
  valuesHardeningRemoved,
  valuesFrom,
  ...POST_RENDERER_RULES,
  foreignTargetNamespace,
  unboundedChartVersion,
  chartVersionWidened,
];
