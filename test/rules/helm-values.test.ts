import { describe, expect, it } from "vitest";
import { parseManifests } from "../../src/manifests/parse-manifests.js";
import { valuesRisks } from "../../src/rules/helm/values-risks.js";
import { valuesImages } from "../../src/rules/image/values-images.js";

const release = (values: string) =>
  parseManifests("r.yaml", "head", `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: apps\nspec:\n  values:\n${values}`).objects[0]!;

describe("valuesRisks", () => {
  it("finds security keys at any depth, keyed by values path", () => {
    const risks = valuesRisks(release("    a:\n      b:\n        securityContext:\n          privileged: true\n          runAsUser: 0\n    hostPID: true\n    rbac:\n      clusterAdmin: true\n"));
    expect(risks.map((r) => [r.kind, r.key])).toEqual([
      ["privileged", "(root):hostPID"],
      ["privileged", "a.b.securityContext:privileged"],
      ["weakened", "a.b.securityContext:runAsUser"],
      ["cluster-admin", "rbac:clusterAdmin"],
    ]);
  });

  it("ignores disabled hostPath and hostPort switches and ordinary rbac.create", () => {
    expect(valuesRisks(release("    hostPath: {enabled: false, path: /var/log}\n    hostPort: {enabled: false}\n    rbac: {create: true}\n    hostNetwork: false\n"))).toEqual([]);
  });

  it("reads nothing from objects that are not HelmReleases", () => {
    const configMap = parseManifests("c.yaml", "head", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nspec:\n  values:\n    privileged: true\n").objects[0]!;
    expect(valuesRisks(configMap)).toEqual([]);
  });
});

describe("valuesImages", () => {
  it("reads the conventional shapes once each (ingress-nginx's image.image is a part, not an image)", () => {
    const images = valuesImages(release("    controller:\n      image:\n        registry: registry.k8s.io\n        image: ingress-nginx/controller\n        tag: v1.11.3\n    image:\n      repository: quay.io/jetstack/cert-manager-controller\n      tag: 1.10\n    kubectlImage: bitnami/kubectl:1.31\n"));
    expect(images.map((i) => [i.where, i.reference?.name, i.reference?.tag])).toEqual([
      ["image", "quay.io/jetstack/cert-manager-controller", "1.10"],
      ["kubectlImage", "docker.io/bitnami/kubectl", "1.31"],
      ["controller.image", "registry.k8s.io/ingress-nginx/controller", "v1.11.3"],
    ]);
  });

  it("lets global.imageRegistry override every mapping's registry, as Bitnami charts do", () => {
    const images = valuesImages(release("    global:\n      imageRegistry: mirror.example.com\n    image:\n      registry: ghcr.io\n      repository: example/redis\n"));
    expect(images.map((i) => i.reference?.name ?? `registry ${i.registry}`)).toEqual(["registry mirror.example.com", "mirror.example.com/example/redis"]);
  });
});
