import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

/** `GET /metrics`: the registry in Prometheus text format. Route handler for Probot's `addHandler`. */
export function metricsHandler(registry: Registry) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return false;
    registry.metrics().then(
      (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
    return true;
  };
}
