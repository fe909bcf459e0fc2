import { chmodSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeSet, FileChange } from "../../../src/sources/change-set.js";
import { createGitSource, type GitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { loggingGit, text } from "./git-source-helpers.js";

const P = "clusters/prod/payments";
const LIMIT = 4096;
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const BIG = "a: b\n".repeat(2000); // 10,000 bytes
const EDGE = "x".repeat(LIMIT - 1) + "\n"; // exactly at the limit: still read
const SPACED = "clusters/prod/tëam a/x.yaml";
const ODD = `${P}/we"ird\nname 'q'.yaml`;
const OLD_TEXT = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n  b: '2'\n";

/** One commit with every kind of entry change, so each test reads one FileChange out of it. */
describe("GitSource entry kinds", () => {
  let repo: TestRepo;
  let source: GitSource;
  let logging: ReturnType<typeof loggingGit>;
  let root: string;
  let change: string;
  let commitFiles: FileChange[];
  let net: ChangeSet["files"];

  const file = (files: FileChange[], path: string): FileChange => {
    const found = files.find((f) => f.path === path);
    if (!found) throw new Error(`no change for ${JSON.stringify(path)} in ${files.map((f) => f.path).join(", ")}`);
    return found;
  };

  beforeAll(async () => {
    repo = TestRepo.create();
    root = repo
      .writeAll({ [`${P}/old.yaml`]: OLD_TEXT, [`${P}/gone.yaml`]: "gone: true\n", [`${P}/link-me.yaml`]: "was: file\n" })
      .write(`${P}/run.sh`, "#!/bin/sh\n")
      .commit("root");
    repo.move(`${P}/old.yaml`, "clusters/prod/platform/new.yaml");
    repo.write("clusters/prod/platform/new.yaml", OLD_TEXT.replace("b: '2'", "b: '3'"));
    repo.remove(`${P}/gone.yaml`);
    repo.symlink(`${P}/link-me.yaml`, "../platform/new.yaml");
    repo.symlink(`${P}/escape.yaml`, "../../../../etc/passwd");
    repo.write(`${P}/logo.png`, BINARY).write(`${P}/big.yaml`, BIG).write(`${P}/edge.yaml`, EDGE);
    repo.write(SPACED, "spaced: true\n").write(ODD, "odd: true\n");
    chmodSync(join(repo.dir, `${P}/run.sh`), 0o755);
    repo.git("add", "-A");
    // A gitlink (submodule entry) without a checkout: exactly what a malicious push can contain.
    repo.git("update-index", "--add", "--cacheinfo", `160000,${root},vendor/lib`);
    repo.git("commit", "-q", "-m", "every kind of change");
    change = repo.rev("HEAD");
    logging = loggingGit(repo);
    source = createGitSource({ repoDir: repo.dir, maxFileBytes: LIMIT, git: logging.git });
    const changeSet = await source.changeSet({ base: root, head: change });
    commitFiles = changeSet.commits[0]?.files ?? [];
    net = changeSet.files;
  });

  afterAll(async () => {
    await source?.close();
    repo?.dispose();
  });

  it("reports the same paths per commit and in the net change", () => {
    const paths = [
      `${P}/big.yaml`,
      `${P}/edge.yaml`,
      `${P}/escape.yaml`,
      `${P}/gone.yaml`,
      `${P}/link-me.yaml`,
      `${P}/logo.png`,
      `${P}/run.sh`,
      ODD,
      "clusters/prod/platform/new.yaml",
      SPACED,
      "vendor/lib",
    ];
    expect(commitFiles.map((f) => f.path).sort()).toEqual([...paths].sort());
    expect(net.map((f) => f.path).sort()).toEqual([...paths].sort());
  });

  it("detects a rename across folders, with the previous path and both contents", () => {
    for (const files of [commitFiles, net]) {
      const renamed = file(files, "clusters/prod/platform/new.yaml");
      expect(renamed).toMatchObject({ status: "renamed", previousPath: `${P}/old.yaml` });
    }
    const renamed = file(net, "clusters/prod/platform/new.yaml");
    expect(text(renamed.base?.content)).toBe(OLD_TEXT);
    expect(text(renamed.head?.content)).toBe(OLD_TEXT.replace("b: '2'", "b: '3'"));
  });

  it("reports a deletion with its old content", () => {
    const gone = file(net, `${P}/gone.yaml`);
    expect(gone).toMatchObject({ status: "deleted", previousPath: null, head: null });
    expect(text(gone.base?.content)).toBe("gone: true\n");
  });

  it("reports a file turned into a symlink as a type change, with the link target as content", () => {
    for (const files of [commitFiles, net]) {
      const changed = file(files, `${P}/link-me.yaml`);
      expect(changed.status).toBe("type-changed");
      expect(changed.head).toMatchObject({ kind: "symlink", mode: "120000", size: 20 });
      // Symlink targets are loaded even without commitContents: ownership follows them.
      expect(text(changed.head?.content)).toBe("../platform/new.yaml");
    }
    expect(file(net, `${P}/link-me.yaml`).base).toMatchObject({ kind: "file", mode: "100644" });
    expect(text(file(net, `${P}/link-me.yaml`).base?.content)).toBe("was: file\n");
  });

  it("reads a symlink that points outside its folder verbatim", () => {
    const link = file(commitFiles, `${P}/escape.yaml`);
    expect(link).toMatchObject({ status: "added", head: { kind: "symlink", mode: "120000" } });
    expect(text(link.head?.content)).toBe("../../../../etc/passwd");
  });

  it("flags a binary file and still provides its bytes", () => {
    const binary = file(net, `${P}/logo.png`).head;
    expect(binary).toMatchObject({ kind: "file", binary: true, size: BINARY.length });
    expect(Buffer.from(binary!.content!)).toEqual(BINARY);
    expect(file(net, SPACED).head?.binary).toBeUndefined();
  });

  it("flags a file over maxFileBytes as tooLarge without ever reading it", () => {
    for (const files of [commitFiles, net]) {
      expect(file(files, `${P}/big.yaml`).head).toEqual({
        kind: "file",
        mode: "100644",
        oid: repo.rev(`${change}:${P}/big.yaml`),
        size: BIG.length,
        content: null,
        tooLarge: true,
      });
    }
    const read = logging.batchRequests();
    expect(read).not.toContain(repo.rev(`${change}:${P}/big.yaml`));
    // The boundary: a file of exactly maxFileBytes is read.
    expect(read).toContain(repo.rev(`${change}:${P}/edge.yaml`));
    expect(text(file(net, `${P}/edge.yaml`).head?.content)).toBe(EDGE);
  });

  it("reports a submodule entry by its commit, with no content", () => {
    expect(file(net, "vendor/lib")).toEqual({
      path: "vendor/lib",
      previousPath: null,
      status: "added",
      base: null,
      head: { kind: "submodule", mode: "160000", oid: root, size: -1, content: null },
    });
  });

  it("keeps paths with spaces, unicode, quotes and newlines intact", () => {
    expect(text(file(net, SPACED).head?.content)).toBe("spaced: true\n");
    expect(text(file(net, ODD).head?.content)).toBe("odd: true\n");
    expect(file(commitFiles, ODD).status).toBe("added");
  });

  it("reports an executable-bit change as a modification with the new mode", () => {
    const script = file(net, `${P}/run.sh`);
    expect(script).toMatchObject({ status: "modified", base: { mode: "100644" }, head: { mode: "100755", kind: "file" } });
  });

  it("reports a symlink turned back into a file as a type change", async () => {
    rmSync(join(repo.dir, `${P}/escape.yaml`)); // writing through the dangling link would fail
    repo.write(`${P}/escape.yaml`, "kind: ConfigMap\n");
    repo.git("add", "-A", "--", P); // not the gitlink, which has no checkout to add
    repo.git("commit", "-q", "-m", "symlink to file");
    const { commits } = await source.changeSet({ base: change, head: "HEAD", commitContents: true });
    const changed = file(commits[0]?.files ?? [], `${P}/escape.yaml`);
    expect(changed.status).toBe("type-changed");
    expect(changed.base).toMatchObject({ kind: "symlink", mode: "120000" });
    expect(changed.head).toMatchObject({ kind: "file", mode: "100644" });
    expect(text(changed.head?.content)).toBe("kind: ConfigMap\n");
  });
});
