/**
 * True when a kustomization entry names content fetched at build time rather than a path in this repository:
 * a URL, an scp-like Git address, go-getter syntax, or a known Git host (kustomize's remote target forms).
 */
export function isRemoteReference(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(?:git@|git::|gh:)/i.test(entry) ||
    /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|ssh\.dev\.azure\.com)\//i.test(entry) ||
    /\.git(?:\/\/|\/|\?|$)/.test(entry) ||
    /\/_git\//.test(entry) ||
    /[?&](?:ref|version|timeout|submodules)=/.test(entry)
  );
}
