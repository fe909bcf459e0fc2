import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { isHelmRelease } from "./helm-objects.js";

/** A HelmRelease whose values come (partly) from somewhere this gate cannot read. */
export const valuesFrom: ObjectRule = {
  id: "helm/values-not-inspectable",
  severity: "low",
  title: "HelmRelease values outside the manifest",
  description: "A HelmRelease takes values from a ConfigMap or Secret (`spec.valuesFrom`) or from extra values files in the chart source (`spec.chart.spec.valuesFiles`). Each new reference is reported once.",
  why: "The `helm/values-*` and `image/helm-values-*` rules read only the inline `spec.values`: values merged from elsewhere can make pods privileged or pull images from anywhere without any of them noticing, and a Secret's content is not in this repository at all.",
  fix: "Keep security-relevant values inline in `spec.values`, where they are reviewed and checked; use `valuesFrom` only for credentials, with `targetPath` pointing at the one key that needs it.",
  examples: {
    bad: release("  valuesFrom:\n    - kind: ConfigMap\n      name: api-values\n"),
    good: release("  values:\n    replicaCount: 2\n"),
  },
  scope: "object",
  check(object) {
    if (!isHelmRelease(object)) return [];
    const hits: Hit[] = arrayAt(object.value, ["spec", "valuesFrom"]).map((entry, i) => {
      const source = `${stringAt(entry, ["kind"]) ?? "ConfigMap"} ${stringAt(entry, ["name"]) ?? "?"}`;
      const key = stringAt(entry, ["valuesKey"]) ?? "values.yaml";
      const target = stringAt(entry, ["targetPath"]);
      return {
        message: `takes values from ${source} (key ${key}${target ? `, into ${target}` : ""}), which this gate cannot inspect.`,
        at: ["spec", "valuesFrom", i],
        key: `valuesFrom:${source}:${key}:${target ?? ""}`,
      };
    });
    arrayAt(object.value, ["spec", "chart", "spec", "valuesFiles"]).forEach((file, i) => {
      if (typeof file !== "string") return;
      hits.push({ message: `merges values file ${file} from the chart source, which this gate does not inspect.`, at: ["spec", "chart", "spec", "valuesFiles", i], key: `valuesFiles:${file}` });
    });
    return hits;
  },
};
