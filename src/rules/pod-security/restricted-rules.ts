import type { ObjectRule } from "../types.js";
import { containerExample as container, podExample as pod, podSecurityRule } from "./pod-security-rule.js";

const context = (lines: string) => container(`      securityContext:\n${lines}`);
const RESTRICTED = "(Pod Security Standards, Restricted; reported below Baseline's severities because it hardens rather than escapes).";

/**
 * Restricted checks: what a hardened pod sets. Unset fields count here (Kubernetes' defaults are the permissive
 * ones), so they are only judged on complete workloads, and a container that already lacked them at base is not
 * reported again.
 */
export const RESTRICTED_RULES: ObjectRule[] = [
  podSecurityRule("allow-privilege-escalation", {
    severity: "medium",
    title: "Container may gain privileges",
    description: `A Linux container does not set \`securityContext.allowPrivilegeEscalation: false\`, or sets it to true ${RESTRICTED}`,
    why: "Unset, it defaults to true: a setuid binary in the image (or dropped into it by an attacker) runs with more privileges than the process that started it, turning a code execution bug into root in the container.",
    fix: "Set `allowPrivilegeEscalation: false` in every container's securityContext.",
    examples: { bad: pod(container()), good: pod(context("        allowPrivilegeEscalation: false\n")) },
  }),
  podSecurityRule("run-as-non-root", {
    severity: "medium",
    title: "Container may run as root",
    description: `Neither the container nor the pod sets \`runAsNonRoot: true\` (or one sets it to false), and no non-zero \`runAsUser\` is in effect either (which kube-linter and Polaris also accept) ${RESTRICTED}`,
    why: "The image then decides the user, and most images run as root: root in the container owns every file the container can reach, and is one kernel or runtime bug from root on the node.",
    fix: "Set `runAsNonRoot: true` in the pod's securityContext (and a non-zero `runAsUser` if the image has no numeric user).",
    examples: { bad: pod(container()), good: pod(`  securityContext:\n    runAsNonRoot: true\n${container()}`) },
  }),
  podSecurityRule("run-as-root-user", {
    severity: "medium",
    title: "Container runs as user 0",
    description: `The \`runAsUser\` in effect for a container (its own, or the pod's it does not override) is 0 ${RESTRICTED}`,
    why: "It asks for root explicitly, overriding the image's user: every file and device the container can see is writable, and a container escape lands as root on the node.",
    fix: "Set `runAsUser` to a non-zero id (and `runAsNonRoot: true`).",
    examples: { bad: pod(context("        runAsUser: 0\n")), good: pod(context("        runAsUser: 10001\n")) },
  }),
  podSecurityRule("seccomp-profile", {
    severity: "low",
    title: "No seccomp profile",
    description: `A Linux container has no seccomp profile of type \`RuntimeDefault\` or \`Localhost\`, on itself or on the pod (an explicit \`Unconfined\` is \`pod-security/seccomp-unconfined\`) ${RESTRICTED}`,
    why: "Unless the kubelet enables `seccompDefault`, a pod without a profile runs Unconfined: every system call, including those most kernel escapes rely on, is available.",
    fix: "Set `seccompProfile: {type: RuntimeDefault}` in the pod's securityContext.",
    examples: { bad: pod(container()), good: pod(`  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n${container()}`) },
  }),
  podSecurityRule("capabilities-not-dropped", {
    severity: "low",
    title: "Container keeps the default capabilities",
    description: `A Linux container does not drop \`ALL\` capabilities, or adds one of Baseline's other than \`NET_BIND_SERVICE\` (CHOWN, SETUID, DAC_OVERRIDE…) ${RESTRICTED}`,
    why: "The runtime's default set (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW with some runtimes…) is more than a typical service uses; each one is a step an attacker in the container does not have to find.",
    fix: "Set `capabilities: {drop: [ALL]}` and add back only `NET_BIND_SERVICE` if the process binds a port below 1024.",
    examples: { bad: pod(context("        capabilities:\n          add: [CHOWN]\n")), good: pod(context("        capabilities:\n          drop: [ALL]\n")) },
  }),
  podSecurityRule("volume-types", {
    severity: "low",
    title: "Volume type outside the Restricted list",
    description: `A pod volume is of a type other than configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret (hostPath is reported by the hostPath rules) ${RESTRICTED}`,
    why: "In-tree volume types (nfs, iscsi, rbd, cephfs, gitRepo…) are mounted by the node with the node's credentials and network access; `gitRepo` even runs git on the node. Persistent volumes keep that under the platform's control.",
    fix: "Use a PersistentVolumeClaim (the platform defines the underlying volume) or one of the allowed types.",
    examples: {
      bad: pod(`${container()}  volumes:\n    - name: shared\n      nfs:\n        server: nfs.example.com\n        path: /exports\n`),
      good: pod(`${container()}  volumes:\n    - name: shared\n      persistentVolumeClaim:\n        claimName: shared\n`),
    },
  }),
];
