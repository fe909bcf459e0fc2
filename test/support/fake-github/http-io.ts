import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeResponse } from "./router.js";

/** The request body: JSON when it parses, else the text; undefined when empty. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Writes an answer with the headers GitHub always sends (request id, media type, rate limit). */
export function send(res: ServerResponse, answer: FakeResponse, requestId: string): void {
  const headers: Record<string, string> = {
    "x-github-request-id": requestId,
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-resource": "core",
    ...answer.headers,
  };
  if (answer.raw) {
    res.writeHead(answer.status, { ...headers, "content-type": answer.contentType ?? "application/octet-stream", "content-length": String(answer.raw.length) });
    res.end(answer.raw);
    return;
  }
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const json = Buffer.from(JSON.stringify(answer.body));
  res.writeHead(answer.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(json.length) });
  res.end(json);
}

