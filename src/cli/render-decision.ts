import type { Decision } from "../engine/decision.js";
import { renderText } from "../render/render-text.js";
import { renderJson } from "../render/render-json.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { renderSarif } from "../render/render-sarif.js";
import { describeRule } from "../rules/describe-rule.js";
import { VERSION } from "../version.js";

export const FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: unknown): value is Format {
  return FORMATS.includes(value as Format);
}

export function renderDecision(decision: Decision, format: Format, { color }: { color: boolean }): string {
  switch (format) {
    case "text":
      return renderText(decision, { color });
    case "json":
      return renderJson(decision);
    case "markdown":
      return `${renderMarkdown(decision)}\n`;
    case "sarif":
      return renderSarif(decision, { version: VERSION, describeRule });
  }
}
