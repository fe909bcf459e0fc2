/** A Flux Kustomization manifest with the given `spec` body, for rule examples in the docs. */
export function fluxKustomizationExample(spec: string): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: payments\n  namespace: flux-system\nspec:\n  interval: 10m\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: ./clusters/prod/payments\n  prune: true\n${spec}`;
}
