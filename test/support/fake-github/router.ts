import type { IncomingHttpHeaders } from "node:http";

/** A request as the fake's handlers see it. */
export interface FakeRequest {
  method: string;
  /** The full URL the client used (with `/api/v3` when it used the GHE form), for Link headers. */
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What a handler answers: JSON `body`, or `raw` bytes with their content type. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (request: FakeRequest) => Promise<FakeResponse> | FakeResponse;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/**
 * Routes by method and GitHub's route template (`/repos/{owner}/{repo}/git/trees/{tree_sha}`); `{name*}` matches
 * several segments (a contents path). The template is also the request's "kind" in the fake's statistics.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template.replace(/[.]/g, "\\.").replace(/\{(\w+)(\*?)\}/g, (_, name: string, star: string) => {
      names.push(name);
      return star ? "(.+)" : "([^/]+)";
    });
    // The kind shown in statistics is GitHub's template, without the fake's `*` marker.
    this.#routes.push({ method, template: template.replace(/\*\}/g, "}"), pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): { template: string; params: Record<string, string>; handler: Handler } | null {
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? "")));
      return { template: route.template, params, handler: route.handler };
    }
    return null;
  }
}

/** GitHub's error body. */
export function apiError(status: number, message: string): FakeResponse {
  return { status, body: { message, documentation_url: "https://docs.github.com/rest", status: String(status) } };
}

export interface PageOptions {
  /** GitHub's default page size for the endpoint (30 for most listings). */
  defaultPerPage: number;
  maxPerPage: number;
}

/**
 * One page of `items` for `?page=&per_page=`, with the Link header GitHub sends (`first`, `prev`, `next`, `last`,
 * each the request's own URL with another `page`).
 */
export function paginate<T>(request: FakeRequest, items: readonly T[], options: PageOptions): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(request.query.get("per_page") ?? options.defaultPerPage) || options.defaultPerPage, 1), options.maxPerPage);
  const page = Math.max(Number(request.query.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string): string => {
    const url = new URL(request.url);
    url.searchParams.set("page", String(n));
    url.searchParams.set("per_page", String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { page: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(", ") } : {} };
}
