import type { IncomingMessage, ServerResponse } from "node:http";

/** `GET /healthz`: the process is up and its queue is reachable. Answers JSON, never anything secret. */
export function healthHandler(status: () => Record<string, unknown>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", ...status() }));
    return true;
  };
}
