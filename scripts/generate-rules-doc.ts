import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GATE_RULES } from "../src/engine/gate-rules.js";
import { RULES } from "../src/rules/catalogue.js";
import { renderRulesDoc } from "../src/rules/render-rules-doc.js";

/** Writes docs/rules.md from the rule catalogue (`npm run docs:rules`); a test fails when the file is stale. */
const target = fileURLToPath(new URL("../docs/rules.md", import.meta.url));
writeFileSync(target, renderRulesDoc(RULES, GATE_RULES));
console.log(`wrote ${target} (${RULES.length + GATE_RULES.length} rules)`);
