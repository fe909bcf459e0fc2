import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/create-metrics.js";
import { metricsHandler } from "../../src/metrics/metrics-handler.js";

describe("GET /metrics", () => {
  let server: Server;
  afterEach(() => new Promise<void>((done) => server.close(() => done())));

  async function serve(queueStats: () => Promise<{ depth: number; oldestAgeSeconds: number }>): Promise<string> {
    const metrics = createMetrics({ defaultMetrics: false, queueStats });
    metrics.decisions.inc({ conclusion: "success" });
    const handle = metricsHandler(metrics.registry);
    server = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("answers in Prometheus text format, reading the queue at scrape time, and leaves other paths alone", async () => {
    let depth = 1;
    const url = await serve(async () => ({ depth: depth++, oldestAgeSeconds: 2 }));
    const first = await fetch(`${url}/metrics`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await first.text();
    expect(body).toContain('flux_warden_decisions_total{conclusion="success"} 1');
    expect(body).toContain("flux_warden_queue_depth 1\n");
    // One queue read per scrape serves both queue gauges.
    expect(await (await fetch(`${url}/metrics`)).text()).toContain("flux_warden_queue_depth 2\n");
    expect((await fetch(`${url}/other`)).status).toBe(404);
  });

  it("keeps the last queue figures when the queue cannot be read", async () => {
    let fail = false;
    const url = await serve(async () => {
      if (fail) throw new Error("database unreachable");
      return { depth: 7, oldestAgeSeconds: 3 };
    });
    await fetch(`${url}/metrics`);
    fail = true;
    const body = await (await fetch(`${url}/metrics`)).text();
    expect(body).toContain("flux_warden_queue_depth 7\n");
    expect(body).toContain("flux_warden_queue_oldest_job_age_seconds 3\n");
  });
});
