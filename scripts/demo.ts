/**
 * `npm run demo`: builds the example fleet repository with real gpg keys, then runs `flux-warden check` on a good
 * change (a payments developer bumps the image tag) and a bad one (the same developer grants itself cluster-admin,
 * edits a platform file, and pushes an unsigned commit). Exits non-zero unless the good passes and the bad fails.
 */
import { main } from "../src/cli/main.js";
import { createExampleFleet } from "../test/support/example-fleet.js";

const fleet = createExampleFleet();
const { repo, payments } = fleet;
const io = (write: (s: string) => void) => ({
  stdout: { write },
  stderr: { write },
  env: process.env,
  cwd: repo.dir,
  isTTY: Boolean(process.stdout.isTTY),
  now: () => new Date(),
});

try {
  repo.checkout("good-change", true);
  const deployment = "clusters/production/payments/deployment.yaml";
  repo.write(deployment, repo.git("show", `main:${deployment}`).replace("payments-api:1.4.2", "payments-api:1.4.3").replace("replicas: 2", "replicas: 3") + "\n");
  repo.commit("payments: release 1.4.3", { gpg: payments });

  repo.checkout("main").checkout("bad-change", true);
  repo.write("clusters/production/payments/admin.yaml", `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: payments-is-admin
subjects:
  - kind: ServiceAccount
    name: payments-reconciler
    namespace: flux-system
roleRef:
  kind: ClusterRole
  name: cluster-admin
  apiGroup: rbac.authorization.k8s.io
`);
  repo.write("clusters/production/platform/payments-tenant.yaml", repo.git("show", "main:clusters/production/platform/payments-tenant.yaml").replace("enforce: restricted", "enforce: privileged") + "\n");
  repo.commit("payments: temporary admin access", { gpg: payments });
  repo.write("clusters/production/payments/deployment.yaml", repo.git("show", "main:clusters/production/payments/deployment.yaml").replace("replicas: 2", "replicas: 4") + "\n");
  repo.commit("scale payments (unsigned)");

  const write = (s: string) => process.stdout.write(s);
  process.stdout.write(`\n=== Good change: a payments developer releases 1.4.3 (signed, own folder) ===\n\n`);
  const good = await main(["check", "--base", "main", "--head", "good-change"], io(write));
  process.stdout.write(`\n=== Bad change: payments grants itself cluster-admin, edits a platform file, and pushes an unsigned commit ===\n\n`);
  const bad = await main(["check", "--base", "main", "--head", "bad-change"], io(write));
  process.stdout.write(`\nexit codes: good change ${good} (expected 0), bad change ${bad} (expected 1)\n`);
  process.exitCode = good === 0 && bad === 1 ? 0 : 1;
} finally {
  fleet.dispose();
}
