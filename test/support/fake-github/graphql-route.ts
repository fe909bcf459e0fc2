import { graphql, parse, type OperationDefinitionNode } from "graphql";
import { servesRepository, type FakeContext } from "./fake-context.js";
import { objectNode } from "./graphql-nodes.js";
import { schema } from "./graphql-schema.js";
import type { FakeRequest, FakeResponse } from "./router.js";

interface GraphqlBody {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The operation's name (for statistics): the requested one, else the document's first named operation. */
export function operationName(body: unknown): string {
  const { query, operationName: requested } = (body ?? {}) as GraphqlBody;
  if (requested) return requested;
  try {
    const document = parse(String(query ?? ""));
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
    return operation?.name?.value ?? "(anonymous)";
  } catch {
    return "(unparsable)";
  }
}

/**
 * `POST /graphql`: executes the query against the fake schema. GitHub answers 200 with an `errors` array for a bad
 * query or a missing repository, and so does the fake.
 */
export async function handleGraphql(ctx: FakeContext, request: FakeRequest): Promise<FakeResponse> {
  const body = (request.body ?? {}) as GraphqlBody;
  if (typeof body.query !== "string") return { status: 400, body: { message: "Problems parsing JSON" } };
  const rootValue = {
    rateLimit: () => ({ cost: 1, limit: 5000, nodeCount: 0, remaining: 4999, used: 1, resetAt: new Date(Date.now() + 3600_000).toISOString() }),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (!servesRepository(ctx, owner, name)) throw Object.assign(new Error(`Could not resolve to a Repository with the name '${owner}/${name}'.`), { type: "NOT_FOUND" });
      return {
        id: Buffer.from(`Repository:${owner}/${name}`).toString("base64"),
        name,
        nameWithOwner: `${owner}/${name}`,
        object: (args: { oid?: string; expression?: string }) => objectNode(ctx, args),
      };
    },
  };
  const result = await graphql({
    schema,
    source: body.query,
    rootValue,
    variableValues: body.variables ?? null,
    operationName: body.operationName ?? null,
  });
  const errors = result.errors?.map((error) => ({
    ...(error.originalError && "type" in error.originalError ? { type: (error.originalError as { type: string }).type } : {}),
    path: error.path,
    locations: error.locations,
    message: error.message,
  }));
  return { status: 200, body: errors ? { data: result.data ?? null, errors } : { data: result.data } };
}
