import type { ObjectRule } from "../types.js";
import { containerExample as container, podExample as pod, podSecurityRule } from "./pod-security-rule.js";

const context = (lines: string) => container(`      securityContext:\n${lines}`);

/** Baseline checks on what a container may do inside the node's kernel. */
export const BASELINE_RULES: ObjectRule[] = [
  podSecurityRule("privileged", {
    severity: "critical",
    title: "Privileged container",
    description: "A container, init container or ephemeral container sets `securityContext.privileged: true` (Pod Security Standards, Baseline: privileged containers).",
    why: "A privileged container has every capability and every device of the node, without seccomp or AppArmor: mounting the node's disk or loading a kernel module is one command, so the workload owns the node and every pod on it (threat model, adversary 4 does this through Helm values).",
    fix: "Remove `privileged: true`; grant the one capability the workload needs, or move node agents to a platform-owned folder under an exception.",
    examples: { bad: pod(context("        privileged: true\n")), good: pod(context("        privileged: false\n        allowPrivilegeEscalation: false\n")) },
  }),
  podSecurityRule("escape-capabilities", {
    severity: "critical",
    title: "Container adds a container-escape capability",
    description: "A container's `capabilities.add` names `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH` or `BPF` (with or without `CAP_`, any case).",
    why: "Each is a known way out of the container: SYS_ADMIN mounts filesystems and abuses cgroup release agents, SYS_MODULE loads kernel code, DAC_READ_SEARCH reads any host file by handle (the \"shocker\" escape), SYS_RAWIO and BPF reach the kernel directly. It is privileged in all but name.",
    fix: "Remove the capability; find the narrower capability or the node-level component (a CSI driver, a device plugin) that does the job.",
    examples: { bad: pod(context("        capabilities:\n          add: [SYS_ADMIN]\n")), good: pod(context("        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n")) },
  }),
  podSecurityRule("added-capabilities", {
    severity: "high",
    title: "Container adds a capability outside Baseline",
    description:
      "A container's `capabilities.add` names a capability outside the Baseline list (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT) and outside the escape set of `pod-security/escape-capabilities`: `NET_ADMIN`, `NET_RAW`, `SYS_PTRACE`, `SYS_TIME` and the like.",
    why: "These capabilities reach beyond the container: NET_ADMIN rewrites the pod network and its firewall, NET_RAW spoofs traffic on the node's network, SYS_PTRACE inspects and injects into other processes, SYS_TIME changes the node's clock for everyone.",
    fix: "Drop the capability, or have the platform team own the workload if it really needs it.",
    examples: { bad: pod(context("        capabilities:\n          add: [NET_ADMIN]\n")), good: pod(context("        capabilities:\n          drop: [ALL]\n")) },
  }),
  podSecurityRule("proc-mount", {
    severity: "high",
    title: "Container unmasks /proc",
    description: "A container sets `securityContext.procMount` to anything but `Default` (that is, `Unmasked`).",
    why: "The default /proc mount hides and write-protects kernel interfaces (`/proc/sys`, `/proc/sysrq-trigger`, `/proc/kcore`); unmasked, a container can read kernel memory or reconfigure the node's kernel.",
    fix: "Remove `procMount` or set it to `Default`.",
    examples: { bad: pod(context("        procMount: Unmasked\n")), good: pod(context("        procMount: Default\n")) },
  }),
  podSecurityRule("seccomp-unconfined", {
    severity: "high",
    title: "Seccomp profile set to Unconfined",
    description: "The seccomp profile in effect for a container is `Unconfined`: set on the container, or on the pod and not overridden by the container (Baseline: seccomp).",
    why: "Seccomp is what keeps rarely needed, frequently exploited system calls (`unshare`, `keyctl`, `bpf`, `ptrace`) away from the container; most kernel container escapes rely on one of them.",
    fix: "Use `seccompProfile: {type: RuntimeDefault}` (or a `Localhost` profile) on the pod.",
    examples: {
      bad: pod(`  securityContext:\n    seccompProfile:\n      type: Unconfined\n${container()}`),
      good: pod(`  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n${container()}`),
    },
  }),
  podSecurityRule("selinux", {
    severity: "high",
    title: "Custom SELinux type, user or role",
    description: "The SELinux options in effect for a container (its own, or the pod's it does not override) set a `type` other than `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`, or set `user` or `role`.",
    why: "On SELinux nodes the container type is the confinement: `spc_t` (super-privileged container) or `unconfined_t` lifts it entirely, and a custom user or role picks another policy altogether.",
    fix: "Remove `seLinuxOptions.type`, `user` and `role`; keep only `level` if the workload needs an MCS label.",
    examples: { bad: pod(context("        seLinuxOptions:\n          type: spc_t\n")), good: pod(context("        seLinuxOptions:\n          level: \"s0:c123,c456\"\n")) },
  }),
  podSecurityRule("unsafe-sysctls", {
    severity: "high",
    title: "Pod sets an unsafe sysctl",
    description:
      "A pod's `securityContext.sysctls` names a sysctl outside the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, ip_local_reserved_ports, ip_unprivileged_port_start, tcp_syncookies, ping_group_range, tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes, tcp_fin_timeout).",
    why: "Other sysctls are not isolated per pod: they change the kernel for every workload on the node (`kernel.*`, `vm.*`), or disable protections the node relies on.",
    fix: "Remove the sysctl; if a node really needs it, set it on the node pool through the platform's node configuration.",
    examples: {
      bad: pod(`  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n${container()}`),
      good: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65000"\n${container()}`),
    },
  }),
  podSecurityRule("apparmor-unconfined", {
    severity: "high",
    title: "AppArmor profile disabled",
    description: "A container runs with an AppArmor profile other than `RuntimeDefault` or `Localhost`: `appArmorProfile.type: Unconfined` on the container or inherited from the pod, or the pod template annotation `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`.",
    why: "On AppArmor nodes the runtime's default profile blocks mounts, writes to `/proc` and `/sys` and raw kernel interfaces; unconfined, a container is one capability or one kernel bug away from the node.",
    fix: "Remove the setting, or use `appArmorProfile: {type: RuntimeDefault}` or a `Localhost` profile.",
    examples: { bad: pod(context("        appArmorProfile:\n          type: Unconfined\n")), good: pod(context("        appArmorProfile:\n          type: RuntimeDefault\n")) },
  }),
];
