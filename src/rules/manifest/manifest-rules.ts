import type { FileRule } from "../types.js";
import { problemRule } from "./problem-rule.js";

const NOT_EVALUATED = "Nothing in it was checked, so the gate cannot say what it would do to the cluster: it fails closed.";

/** The `manifest/` family: head files the gate cannot evaluate. */
export const MANIFEST_RULES: FileRule[] = [
  problemRule("parse-error", {
    id: "manifest/parse-error",
    severity: "high",
    title: "YAML does not parse",
    description: "A changed YAML file has a syntax error, a duplicate key or a recursive alias; the message gives YAML's line and column.",
    why: "Flux cannot build a folder with broken YAML either: the Kustomization stops reconciling, so every later fix, including security fixes, stops reaching the cluster. And whatever the broken document was meant to be was not checked.",
    fix: "Fix the YAML at the reported line and column (`yq . file.yaml` or `kubectl apply --dry-run=client -f file.yaml` shows the same error locally).",
    examples: {
      bad: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  mode: safe\n",
      good: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: safe\n",
    },
  }),
  problemRule("too-large", {
    id: "manifest/too-large",
    severity: "high",
    title: "File too large to evaluate",
    description: "A changed YAML file is over the size limit (1 MiB by default) or holds more than 5,000 documents.",
    why: `Oversized input is how a gate is made to time out or give up. ${NOT_EVALUATED}`,
    fix: "Split the file into smaller ones (one per component), or add a `rules.exceptions` entry for this path with the reason if it is a vendored bundle you trust.",
    examples: {
      bad: "# a 3 MB file of generated CRDs in one document stream\n",
      good: "# the same CRDs split into one file per group, each under the limit\n",
    },
  }),
  problemRule("alias-bomb", {
    id: "manifest/alias-bomb",
    severity: "high",
    title: "YAML alias bomb",
    description: "A YAML document expands more than 100 aliases (anchors referencing anchors, the \"billion laughs\" pattern).",
    why: `A few lines of nested aliases expand to gigabytes: a denial of service against every tool that reads the file, the gate included. ${NOT_EVALUATED}`,
    fix: "Write the values out instead of nesting aliases; manifests rarely need anchors at all.",
    examples: {
      bad: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
      good: "a: [x, x, x]\n",
    },
  }),
  problemRule("too-deep", {
    id: "manifest/too-deep",
    severity: "high",
    title: "YAML nests too deeply",
    description: "A YAML document nests more than 64 levels (after aliases are expanded).",
    why: `Deep nesting exhausts the stack or memory of recursive parsers: a denial of service against the gate and other tooling. No Kubernetes object needs it. ${NOT_EVALUATED}`,
    fix: "Flatten the document; if it is embedded data (a JSON dashboard), put it in a block scalar (`|`) so it is a string, not YAML structure.",
    examples: {
      bad: `a: ${"[".repeat(64)}${"]".repeat(64)}\n`,
      good: "data:\n  dashboard.json: |\n    {\"panels\": [[[]]]}\n",
    },
  }),
  problemRule("submodule", {
    id: "manifest/submodule",
    severity: "high",
    title: "Submodule in the manifests repository",
    description: "The change adds or moves a git submodule: a pointer to another repository's commit.",
    why: "The submodule's content lives in another repository, outside this gate's signatures and rules; a bump of the pointer can bring in any manifest. Flux's GitRepository can recurse into submodules.",
    fix: "Vendor the content into this repository (or reference it as its own Flux source with its own verification) and remove the submodule.",
    examples: {
      bad: "# .gitmodules\n[submodule \"vendor/platform\"]\n  path = vendor/platform\n  url = https://github.com/example/platform\n",
      good: "# vendor/platform/ committed as plain files in this repository\n",
    },
  }),
];
