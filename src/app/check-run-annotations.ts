import type { Finding } from "../engine/decision.js";

/** GitHub accepts at most 50 annotations per create/update request; further updates append. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
  raw_details?: string;
}

/** One annotation per finding that has a file: on its exact line, or the first line when the finding is about the file. */
export function annotationsFor(findings: Finding[]): CheckRunAnnotation[] {
  return findings
    .filter((f): f is Finding & { path: string } => f.path !== null)
    .map((f) => {
      const line = f.line ?? 1;
      return {
        path: f.path,
        start_line: line,
        end_line: line,
        annotation_level: f.exception || f.waiver ? "notice" : f.blocking ? "failure" : "warning",
        title: `${f.rule} (${f.severity}${f.blocking ? ", blocking" : f.exception ? ", accepted exception" : f.waiver ? ", waived by approval" : ""})`,
        message: f.exception ? `${f.message}\nAccepted: ${f.exception.reason}` : f.waiver ? `${f.message}\nWaived: ${f.waiver.reason}` : `${f.message}\nFix: ${f.remediation}`,
        ...(f.commit ? { raw_details: `Introduced by commit ${f.commit}` } : {}),
      };
    });
}

/** Splits annotations into request-sized batches. */
export function batches<T>(items: T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
