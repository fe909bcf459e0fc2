import type { AuditFilter } from "./audit-store.js";

/** The two SQL dialects the stores speak: placeholders and JSON functions differ, nothing else. */
export type SqlDialect = "sqlite" | "postgres";

/**
 * A WHERE clause for `filter`, with its parameters. `firstParam` is the number of the first placeholder (PostgreSQL
 * numbers them). User text only ever reaches the database as a parameter.
 */
export function auditFilterSql(
  filter: AuditFilter,
  dialect: SqlDialect,
  firstParam = 1,
): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return dialect === "sqlite" ? "?" : `$${firstParam + params.length - 1}`;
  };
  const elements = (path: "commits" | "findings") =>
    dialect === "sqlite" ? `json_each(doc, '$.${path}') e` : `jsonb_array_elements(doc::jsonb -> '${path}') e`;
  const member = (name: string) => (dialect === "sqlite" ? `json_extract(e.value, '$.${name}')` : `e.value ->> '${name}'`);

  if (filter.repository) clauses.push(`lower(repository) = ${p(filter.repository.toLowerCase())}`);
  if (filter.conclusion) clauses.push(`conclusion = ${p(filter.conclusion)}`);
  if (filter.since) clauses.push(`time >= ${p(filter.since.toISOString())}`);
  if (filter.until) clauses.push(`time <= ${p(filter.until.toISOString())}`);
  if (filter.sha) {
    const prefix = `${likeEscape(filter.sha.toLowerCase())}%`;
    clauses.push(
      `(base LIKE ${p(prefix)} ESCAPE '\\' OR head LIKE ${p(prefix)} ESCAPE '\\' OR EXISTS (SELECT 1 FROM ${elements("commits")} WHERE ${member("sha")} LIKE ${p(prefix)} ESCAPE '\\'))`,
    );
  }
  if (filter.rule) {
    // `rbac/*` selects a family; any other text is an exact rule id.
    const pattern = filter.rule.split("*").map(likeEscape).join("%");
    clauses.push(`EXISTS (SELECT 1 FROM ${elements("findings")} WHERE ${member("rule")} LIKE ${p(pattern)} ESCAPE '\\')`);
  }
  return { where: clauses.length ? clauses.join(" AND ") : "1=1", params };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
