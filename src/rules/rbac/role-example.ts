/** A ClusterRole manifest with the given `rules:` body, for rule examples in the docs. */
export function clusterRoleExample(name: string, rules: string): string {
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n${rules}`;
}
