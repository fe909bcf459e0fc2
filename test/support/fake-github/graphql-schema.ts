import { buildSchema, type GraphQLSchema } from "graphql";

/**
 * The subset of GitHub's GraphQL schema the app uses, with GitHub's field names and types: `Repository.object`
 * returns the `GitObject` interface (Commit, Tree, Blob), `TreeEntry.mode` is an Int (the octal mode's value, as
 * GitHub answers), `Blob.text` is null for binary blobs, connections require `first` or `last` (1–100).
 */
export const schema: GraphQLSchema = buildSchema(`
  scalar GitObjectID
  scalar GitTimestamp
  scalar URI

  type Query {
    repository(owner: String!, name: String!, followRenames: Boolean): Repository
    rateLimit(dryRun: Boolean): RateLimit
  }

  type RateLimit { cost: Int!, limit: Int!, nodeCount: Int!, remaining: Int!, resetAt: String!, used: Int! }

  type Repository {
    id: ID!
    name: String!
    nameWithOwner: String!
    object(oid: GitObjectID, expression: String): GitObject
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }

  type Commit implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    message: String!
    messageHeadline: String!
    author: GitActor
    committer: GitActor
    tree: Tree!
    parents(first: Int, last: Int, after: String, before: String): CommitConnection!
    history(first: Int, last: Int, after: String, before: String): CommitHistoryConnection!
    signature: GitSignature
  }

  type GitActor { name: String, email: String, date: GitTimestamp }

  type PageInfo { hasNextPage: Boolean!, hasPreviousPage: Boolean!, startCursor: String, endCursor: String }
  type CommitEdge { cursor: String!, node: Commit }
  type CommitConnection { totalCount: Int!, nodes: [Commit], edges: [CommitEdge], pageInfo: PageInfo! }
  type CommitHistoryConnection { totalCount: Int!, nodes: [Commit], edges: [CommitEdge], pageInfo: PageInfo! }

  type Tree implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    entries: [TreeEntry!]
  }

  type TreeEntry {
    name: String!
    path: String
    type: String!
    mode: Int!
    oid: GitObjectID!
    size: Int!
    extension: String
    isGenerated: Boolean!
    object: GitObject
  }

  type Blob implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }

  interface GitSignature {
    email: String!
    isValid: Boolean!
    payload: String!
    signature: String!
    state: GitSignatureState!
    wasSignedByGitHub: Boolean!
  }

  enum GitSignatureState { VALID INVALID MALFORMED_SIG UNKNOWN_KEY BAD_EMAIL UNVERIFIED_EMAIL NO_USER UNKNOWN_SIG_TYPE UNSIGNED GPGVERIFY_UNAVAILABLE GPGVERIFY_ERROR NOT_SIGNING_KEY EXPIRED_KEY OCSP_PENDING OCSP_ERROR BAD_CERT OCSP_REVOKED }

  type GpgSignature implements GitSignature {
    email: String!, isValid: Boolean!, payload: String!, signature: String!, state: GitSignatureState!, wasSignedByGitHub: Boolean!
    keyId: String
  }
  type SshSignature implements GitSignature {
    email: String!, isValid: Boolean!, payload: String!, signature: String!, state: GitSignatureState!, wasSignedByGitHub: Boolean!
    keyFingerprint: String
  }
  type SmimeSignature implements GitSignature {
    email: String!, isValid: Boolean!, payload: String!, signature: String!, state: GitSignatureState!, wasSignedByGitHub: Boolean!
  }
  type UnknownSignature implements GitSignature {
    email: String!, isValid: Boolean!, payload: String!, signature: String!, state: GitSignatureState!, wasSignedByGitHub: Boolean!
  }
`);
