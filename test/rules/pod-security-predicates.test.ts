import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { parseManifests } from "../../src/manifests/parse-manifests.js";
import { podSpecs } from "../../src/manifests/pod-specs.js";
import { EMPTY_REPO_INDEX } from "../../src/manifests/repo-index.js";
import { explicitViolations, workloadViolations } from "../../src/rules/pod-security/fields.js";
import { isSensitiveHostPath } from "../../src/rules/pod-security/host-paths.js";
import { securityContextSettings } from "../../src/rules/pod-security/security-context-settings.js";
import { fileChange } from "./support/file-change.js";
import { fixturePolicy } from "./support/fixture-policy.js";

const pod = (spec: string) => parseManifests("p.yaml", "head", `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`).objects[0]!;
const violations = (spec: string) => {
  const object = pod(spec);
  return podSpecs(object).flatMap((ref) => workloadViolations(object.value, ref)).map((v) => `${v.field} ${v.key} @${object.lineOf(v.at)}`);
};
const HARDENED = "      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities: {drop: [ALL]}\n";

describe("securityContextSettings", () => {
  it("reads explicit values only, with capabilities sorted by danger", () => {
    const settings = securityContextSettings({
      privileged: "true",
      runAsUser: 0,
      runAsNonRoot: true,
      capabilities: { add: ["cap_sys_admin", "NET_ADMIN", "CHOWN", "NET_BIND_SERVICE"] },
      seLinuxOptions: { type: "container_t", level: "s0:c1" },
      sysctls: [{ name: "net/ipv4/tcp_syncookies" }, { name: "vm.swappiness" }],
    });
    expect(settings.map((s) => [s.field, s.key])).toEqual([
      ["privileged", "privileged"],
      ["run-as-root-user", "runAsUser"],
      ["escape-capabilities", "capability:SYS_ADMIN"],
      ["added-capabilities", "capability:NET_ADMIN"],
      ["capabilities-not-dropped", "capability:CHOWN"],
      ["unsafe-sysctls", "sysctl:vm.swappiness"],
    ]);
    expect(securityContextSettings(null)).toEqual([]);
    expect(securityContextSettings({})).toEqual([]);
  });
});

describe("workloadViolations: pod and container settings combined as Kubernetes does", () => {
  it("reports a pod-level value once per container that inherits it, at the pod's line", () => {
    const found = violations(`  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: a\n${HARDENED}    - name: b\n      securityContext:\n        runAsUser: 1000\n        allowPrivilegeEscalation: false\n        capabilities: {drop: [ALL]}\n`);
    expect(found).toEqual(["run-as-root-user container:a:runAsUser @8"]);
  });

  it("lets a container override the pod's seccomp profile and SELinux options as a whole", () => {
    const spec = `  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: Unconfined}\n    seLinuxOptions: {user: system_u}\n  containers:\n    - name: a\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities: {drop: [ALL]}\n        seccompProfile: {type: RuntimeDefault}\n        seLinuxOptions: {level: "s0:c1"}\n`;
    expect(violations(spec)).toEqual([]);
  });

  it("merges windowsOptions field by field", () => {
    const spec = `  securityContext:\n    runAsNonRoot: true\n    windowsOptions: {hostProcess: true}\n  containers:\n    - name: a\n      securityContext:\n        windowsOptions: {runAsUserName: ContainerUser}\n  os: {name: windows}\n`;
    expect(violations(spec)).toEqual(["host-process container:a:windowsOptions.hostProcess @8"]);
  });

  it("treats init and ephemeral containers like containers", () => {
    const spec = `  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: a\n${HARDENED}  initContainers:\n    - name: i\n      securityContext: {privileged: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n  ephemeralContainers:\n    - name: e\n      securityContext: {procMount: Unmasked, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n`;
    expect(violations(spec)).toEqual(["privileged container:i:privileged @14", "proc-mount container:e:procMount @17"]);
  });
});

describe("explicitViolations (patches)", () => {
  it("reports what is written where it is written, and nothing for what is absent", () => {
    const object = pod("  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: false\n");
    const found = podSpecs(object, { partial: true }).flatMap((ref) => explicitViolations(object.value, ref));
    expect(found.map((v) => [v.field, v.key])).toEqual([
      ["run-as-root-user", "pod:runAsUser"],
      ["run-as-non-root", "container:a:runAsNonRoot"],
    ]);
  });
});

describe("isSensitiveHostPath", () => {
  it.each([
    ["/", true], ["/etc/", true], ["//etc/./kubernetes/..", true], ["/var/run/docker.sock", true], ["/run/containerd/containerd.sock", true],
    ["/var/lib/kubelet/pods", true], ["/data/app.sock", true], ["/proc/1/root", true], ["/mnt/disks/ssd0", false], ["/data", false], ["/etcd-backup", false],
  ])("%s → %s", (path, sensitive) => expect(isSensitiveHostPath(path)).toBe(sensitive));
});

describe("base↔head keys", () => {
  const policy = fixturePolicy();
  const deploy = (containers: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  template:\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      containers:\n${containers}`;
  const run = async (base: string, head: string) =>
    (await analyzeManifests({ files: [fileChange("clusters/prod/payments/api.yaml", { base, head })], policy, index: EMPTY_REPO_INDEX })).findings.filter((f) => f.rule.startsWith("pod-security/"));
  const container = (name: string, extra = "") => `        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}${extra}}\n`;

  it("does not re-report a setting moved from the pod to its only container", async () => {
    const base = deploy(container("a")).replace("runAsNonRoot: true,", "runAsNonRoot: true, runAsUser: 0,");
    const head = deploy(container("a", ", runAsUser: 0"));
    expect(await run(base, head)).toEqual([]);
  });

  it("reports a second container with an existing risk, and not the first again", async () => {
    const base = deploy(container("a", ", privileged: true"));
    const head = deploy(container("a", ", privileged: true") + container("b", ", privileged: true"));
    expect((await run(base, head)).map((f) => [f.rule, f.line])).toEqual([["pod-security/privileged", 16]]);
  });
});
