import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createExampleFleet, type ExampleFleet } from "../../support/example-fleet.js";
import { GpgHome, type GpgKey } from "../../support/gpg.js";

const OVERLAY = fileURLToPath(new URL("../../../fixtures/automation/fleet", import.meta.url));

export const DEPLOYMENT = "clusters/production/payments/deployment.yaml";
export const KUSTOMIZATION = "clusters/production/payments/kustomization.yaml";
export const IMAGE_AUTOMATION = "clusters/production/flux-system/image-automation.yaml";

/** The example fleet with Flux image automation set up on `main`, and the controller's signing key. */
export interface AutomationFleet extends ExampleFleet {
  /** The image-automation-controller's key: in the allowed-keys Secret and under `automation.signers`. */
  bot: GpgKey;
  /** `main` after the automation objects and markers were committed: the base of every test change. */
  main: string;
}

export interface AutomationFleetOptions {
  /** Edits the policy after `automation:` was added. */
  policy?: (text: string) => string;
}

/**
 * The example fleet plus fixtures/automation/fleet (ImageRepository/ImagePolicy objects, setter markers), with a
 * separate gpg key for the controller — as `spec.git.commit.signingKey` would hold it — trusted by Flux and listed as
 * an automation signer.
 */
export function createAutomationFleet(options: AutomationFleetOptions = {}): AutomationFleet {
  const botHome = GpgHome.create();
  const bot = botHome.generate("Flux image automation <fluxcdbot@users.noreply.github.com>");
  const fleet = createExampleFleet({
    extraKeys: () => ({ "image-automation.asc": bot.publicArmored }),
    policy: (text) => {
      const withBot = `${text.trimEnd()}\nautomation:\n  signers: ["${bot.fingerprint}"]\n`;
      return options.policy ? options.policy(withBot) : withBot;
    },
  });
  cpSync(OVERLAY, fleet.repo.dir, { recursive: true });
  const main = fleet.repo.commit("Image automation for the payments images", { gpg: fleet.platform });
  return { ...fleet, bot, main, dispose: () => (fleet.dispose(), botHome.dispose()) };
}

/** Replaces `from` by `to` in the working tree's `path` (edits accumulate until the next commit). */
export function edit(fleet: ExampleFleet, path: string, from: string, to: string): void {
  const text = readFileSync(join(fleet.repo.dir, path), "utf8");
  if (!text.includes(from)) throw new Error(`${path} has no "${from}"`);
  fleet.repo.write(path, text.replace(from, to));
}

export interface ControllerChange {
  files: string[];
  objects: string[];
  images: string[];
}

/** The message the fixture's `messageTemplate` renders (the form the issue asks the tests to reproduce). */
export function controllerMessage({ files, objects, images }: ControllerChange): string {
  const list = (items: string[]) => items.map((i) => `- ${i}\n`).join("");
  return `Update image references\n\nAutomation name: flux-system/flux-system\n\nFiles:\n${list(files)}Objects:\n${list(objects)}Images:\n${list(images)}`;
}

/**
 * Stages everything and commits it the way the image-automation-controller does: author and committer `fluxcdbot`,
 * its message template, signed with `key` (the bot's, unless a test signs with another key). Returns the sha.
 */
export function commitAsController(fleet: ExampleFleet, key: GpgKey, change: ControllerChange): string {
  const repo = fleet.repo;
  repo.git("add", "-A");
  const date = "2026-02-01T00:00:00Z";
  const env = {
    GNUPGHOME: key.home,
    GIT_AUTHOR_NAME: "fluxcdbot",
    GIT_AUTHOR_EMAIL: "fluxcdbot@users.noreply.github.com",
    GIT_COMMITTER_NAME: "fluxcdbot",
    GIT_COMMITTER_EMAIL: "fluxcdbot@users.noreply.github.com",
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const signing = ["-c", "gpg.format=openpgp", "-c", `gpg.program=${key.gpgProgram}`, "-c", `user.signingkey=${key.signingKeyId}!`];
  repo.gitWith(env, [...signing, "commit", "-q", "-S", "--cleanup=verbatim", "-F", "-"], controllerMessage(change));
  return repo.rev("HEAD");
}
