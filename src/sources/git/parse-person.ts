import type { Person } from "../../engine/decision.js";

/**
 * `Name <email> 1767225600 +0100` → a Person. The date is UTC with second precision (`2026-01-01T00:00:00Z`), the
 * form the GitHub API uses, so that both sources hand the engine identical values. Null when malformed.
 */
export function parsePerson(value: string | undefined): Person | null {
  const match = value && /^(.*?) ?<([^<>]*)> (\d+) [+-]\d{4}$/.exec(value);
  if (!match) return null;
  const seconds = Number(match[3]);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return null;
  return { name: match[1] ?? "", email: match[2] ?? "", date: date.toISOString().replace(/\.\d{3}Z$/, "Z") };
}
