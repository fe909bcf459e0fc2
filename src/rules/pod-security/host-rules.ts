import type { ObjectRule } from "../types.js";
import { containerExample as container, podExample as pod, podSecurityRule } from "./pod-security-rule.js";

const volume = (path: string) => `${container("      volumeMounts:\n        - name: host\n          mountPath: /host\n")}  volumes:\n    - name: host\n      hostPath:\n        path: ${path}\n`;

/** Baseline checks about the node itself: its namespaces, filesystem, ports, and Windows host processes. */
export const HOST_RULES: ObjectRule[] = [
  podSecurityRule("host-namespaces", {
    severity: "high",
    title: "Pod shares the node's namespaces",
    description: "A pod spec sets `hostNetwork`, `hostPID` or `hostIPC` to true (Pod Security Standards, Baseline: host namespaces).",
    why: "hostPID shows every process on the node (and, with ptrace, lets the container enter them); hostNetwork binds the node's interfaces, sniffs its traffic and reaches services that trust localhost, such as the kubelet; hostIPC reads other processes' shared memory. Each undoes the isolation the namespace was there to provide.",
    fix: "Remove the flag; expose ports through a Service, and if a node agent truly needs it, run it from a platform-owned folder under an exception.",
    examples: { bad: pod(`  hostPID: true\n${container()}`), good: pod(container()) },
  }),
  podSecurityRule("host-path-sensitive", {
    severity: "critical",
    title: "Pod mounts a sensitive node path",
    description:
      "A pod volume mounts a hostPath that exposes the node: `/`, `/etc`, `/root`, `/proc`, `/sys`, `/dev`, `/boot`, `/usr`, `/lib`, the kubelet's, etcd's and the container runtime's state (`/var/lib/kubelet`, `/var/lib/containerd`, `/var/run`, `/run`), any `*.sock` such as `/var/run/docker.sock`, `/var/log`, or CNI plugins. The path is normalised first (`//etc/./` is `/etc`).",
    why: "The container runtime socket starts a privileged container on demand; `/etc` and `/root` hold credentials and let an attacker add a cron job or an SSH key; `/var/lib/kubelet` holds every pod's service account tokens on the node; a symlink planted in `/var/log` makes the kubelet read any node file. Each is node takeover (threat model: a workload escaping into the cluster).",
    fix: "Remove the hostPath volume; use an emptyDir, a ConfigMap or a persistent volume, or a CSI driver for node-level data, and run genuine node agents from a platform-owned folder under an exception.",
    examples: { bad: pod(volume("/var/run/docker.sock")), good: pod(`${container("      volumeMounts:\n        - name: cache\n          mountPath: /cache\n")}  volumes:\n    - name: cache\n      emptyDir: {}\n`) },
  }),
  podSecurityRule("host-path", {
    severity: "high",
    title: "Pod mounts a node directory",
    description: "A pod volume mounts a hostPath outside the sensitive list (those are `pod-security/host-path-sensitive`): any hostPath is refused by the Baseline profile.",
    why: "A hostPath mount reads and writes the node's filesystem outside any quota or isolation: data left by other pods, files other pods will read, and a foothold for symlink and race attacks on the kubelet.",
    fix: "Use an emptyDir, a persistent volume or a CSI driver instead of a hostPath volume.",
    examples: { bad: pod(volume("/data/cache")), good: pod(`${container()}  volumes:\n    - name: cache\n      emptyDir: {}\n`) },
  }),
  podSecurityRule("host-ports", {
    severity: "high",
    title: "Container binds a port on the node",
    description: "A container port sets a non-zero `hostPort` (Baseline: host ports).",
    why: "A hostPort takes the port on the node's own address, outside every NetworkPolicy, and can impersonate or shadow a node service; it also pins the pod to nodes where the port is free.",
    fix: "Remove `hostPort` and expose the port through a Service (ClusterIP, NodePort or LoadBalancer).",
    examples: {
      bad: pod(container("      ports:\n        - containerPort: 8080\n          hostPort: 80\n")),
      good: pod(container("      ports:\n        - containerPort: 8080\n")),
    },
  }),
  podSecurityRule("host-process", {
    severity: "critical",
    title: "Windows HostProcess container",
    description: "A pod or container sets `securityContext.windowsOptions.hostProcess: true` (Baseline: HostProcess).",
    why: "A HostProcess container is a process on the Windows node with the node's file system, network and, typically, SYSTEM rights: the Windows equivalent of a privileged container, hence critical.",
    fix: "Remove `hostProcess`; node-level Windows agents belong in a platform-owned folder under an exception.",
    examples: {
      bad: pod(`  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  hostNetwork: true\n${container()}`),
      good: pod(`  securityContext:\n    windowsOptions:\n      runAsUserName: ContainerUser\n${container()}`),
    },
  }),
];
