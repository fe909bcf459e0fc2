import type { RecordedCheckRun } from "./fake-github.js";

/** A check run as GitHub would show it after every create/update the app sent, annotations accumulated. */
export interface CheckRunState {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string;
  summary: string;
  annotations: Array<{ path: string; start_line: number; annotation_level: string; title: string; message: string }>;
  writes: number;
}

export function checkRunStates(recorded: RecordedCheckRun[]): CheckRunState[] {
  const runs = new Map<number, CheckRunState>();
  for (const { action, id, body } of recorded) {
    const run = runs.get(id) ?? { id, name: "", headSha: "", status: "", conclusion: null, title: "", summary: "", annotations: [], writes: 0 };
    if (action === "create") Object.assign(run, { name: body.name, headSha: body.head_sha });
    if (typeof body.status === "string") run.status = body.status;
    if (typeof body.conclusion === "string") run.conclusion = body.conclusion;
    const output = body.output as { title?: string; summary?: string; annotations?: CheckRunState["annotations"] } | undefined;
    if (output?.title) run.title = output.title;
    if (output?.summary) run.summary = output.summary;
    run.annotations.push(...(output?.annotations ?? []));
    run.writes++;
    runs.set(id, run);
  }
  return [...runs.values()];
}
