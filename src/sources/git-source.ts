/** The local repository source: `createGitSource` and its types (implementation in `./git/`). */
export { createGitSource, type GitSource, type GitSourceOptions } from "./git/create-git-source.js";
export { GitSourceError } from "./git/git-source-error.js";
export type { SourceTag } from "./git/read-tag.js";
