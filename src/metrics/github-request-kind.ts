/**
 * A bounded label for a GitHub request: its method and the resource it addresses — the first path segment after
 * `/repos/{owner}/{repo}` (`pulls`, `commits`, `check-runs`, `git`, `contents`, …) or the first segment of other routes
 * (`graphql`, `installation`, `app`). Owner, repository, shas and paths never reach a label.
 */
export function githubRequestKind(method: string | undefined, url: string | undefined): string {
  const path = (url ?? "")
    .replace(/^[a-z]+:\/\/[^/]+/i, "")
    .replace(/^\/api\/v3(?=\/)/, "")
    .split("?")[0]!;
  const segments = path.split("/").filter(Boolean);
  const resource = segments[0] === "repos" ? segments[3] : segments[0];
  const name = resource && /^[a-z][a-z_-]*$/.test(resource) ? resource : "other";
  return `${(method ?? "GET").toUpperCase()} ${name}`;
}
