/** How long a team membership answer is reused: short, so removing someone from a team takes effect within a minute. */
export const MEMBERSHIP_TTL_MS = 60_000;

/**
 * An in-process cache of team-membership answers (one per installation, team and login), so a burst of reviews on
 * one pull request does not ask GitHub the same question again. Only answers are kept — a failed read is asked again
 * next time, never remembered as "not a member" or "member".
 */
export class MembershipCache {
  readonly #entries = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MEMBERSHIP_TTL_MS,
  ) {}

  get(installation: number, team: string, login: string): boolean | undefined {
    const key = keyOf(installation, team, login);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.member;
  }

  set(installation: number, team: string, login: string, member: boolean): void {
    // Bounded: expired entries go whenever the map grows, so a long-running process never accumulates them.
    if (this.#entries.size > 10_000) for (const [key, entry] of this.#entries) if (entry.until <= this.now()) this.#entries.delete(key);
    this.#entries.set(keyOf(installation, team, login), { member, until: this.now() + this.ttlMs });
  }
}

function keyOf(installation: number, team: string, login: string): string {
  return `${installation}\0${team.toLowerCase()}\0${login.toLowerCase()}`;
}
