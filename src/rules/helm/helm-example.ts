/**
 * A HelmRelease manifest for the rules' examples in the docs: the tenant's chart from its own HelmRepository, applied
 * with its own service account, plus `spec` lines (indented for `spec`). `serviceAccount: false` leaves it out.
 */
export function helmReleaseExample(spec: string, options: { serviceAccount?: boolean; version?: string } = {}): string {
  const account = options.serviceAccount === false ? "" : "  serviceAccountName: payments-reconciler\n";
  return `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: api
  namespace: payments
spec:
  interval: 10m
  chart:
    spec:
      chart: api
      version: "${options.version ?? "1.4.x"}"
      sourceRef:
        kind: HelmRepository
        name: charts
${account}${spec}`;
}
