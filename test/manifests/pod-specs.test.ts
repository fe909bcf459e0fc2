import { describe, expect, it } from "vitest";
import { parseManifests } from "../../src/manifests/parse-manifests.js";
import { containersOf, podSpecs } from "../../src/manifests/pod-specs.js";

const POD = "spec:\n  containers:\n    - name: app\n  initContainers:\n    - name: init\n  ephemeralContainers:\n    - name: debug\n";
const indent = (text: string, by: number) => text.replace(/^/gm, " ".repeat(by));
const object = (apiVersion: string, kind: string, body: string) => parseManifests("a.yaml", "head", `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${body}`).objects[0]!;

describe("podSpecs", () => {
  it.each([
    ["v1", "Pod", POD, ["spec"]],
    ["v1", "PodTemplate", `template:\n${indent(POD, 2)}`, ["template", "spec"]],
    ["v1", "ReplicationController", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["apps/v1", "Deployment", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["apps/v1", "StatefulSet", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["apps/v1", "DaemonSet", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["apps/v1", "ReplicaSet", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["batch/v1", "Job", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
    ["batch/v1", "CronJob", `spec:\n  jobTemplate:\n    spec:\n      template:\n${indent(POD, 8)}`, ["spec", "jobTemplate", "spec", "template", "spec"]],
    ["argoproj.io/v1alpha1", "Rollout", `spec:\n  template:\n${indent(POD, 4)}`, ["spec", "template", "spec"]],
  ])("finds the pod spec of %s %s and all three container lists", (apiVersion, kind, body, path) => {
    const object_ = object(apiVersion, kind, body);
    const pods = podSpecs(object_);
    expect(pods.map((p) => p.path)).toEqual([path]);
    const containers = containersOf(pods[0]!);
    expect(containers.map((c) => [c.list, c.name, c.path])).toEqual([
      ["containers", "app", [...path, "containers", 0]],
      ["initContainers", "init", [...path, "initContainers", 0]],
      ["ephemeralContainers", "debug", [...path, "ephemeralContainers", 0]],
    ]);
    expect(object_.lineOf(containers[1]!.path)).toBeGreaterThan(object_.lineOf(containers[0]!.path));
  });

  it("ignores objects without pod specs, and CRDs whose template has no containers", () => {
    expect(podSpecs(object("v1", "ConfigMap", "data:\n  a: b\n"))).toEqual([]);
    expect(podSpecs(object("example.com/v1", "Widget", "spec:\n  template:\n    spec:\n      size: 3\n"))).toEqual([]);
  });

  it("in partial mode (kustomize patches), counts a pod spec without containers", () => {
    const patch = object("apps/v1", "Gadget", "spec:\n  template:\n    spec:\n      hostNetwork: true\n");
    expect(podSpecs(patch, { partial: true }).map((p) => p.path)).toEqual([["spec", "template", "spec"]]);
  });

  it("names unnamed containers by index", () => {
    const pod = object("v1", "Pod", "spec:\n  containers:\n    - image: x\n");
    expect(containersOf(podSpecs(pod)[0]!).map((c) => c.name)).toEqual(["#0"]);
  });
});
