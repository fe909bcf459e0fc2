/** The first ASCII-armor block of a text, as go-crypto's `armor.Decode` finds it. */
export interface ArmorBlock {
  /** The armor type from the BEGIN line, e.g. `PGP PUBLIC KEY BLOCK`. */
  type: string;
  /** The block from its BEGIN line to a well-formed END line of the same type. */
  text: string;
  /** How many further BEGIN lines follow the block (Flux reads none of them). */
  furtherBlocks: number;
}

const BEGIN = /^-----BEGIN (.+)-----$/;

/**
 * Finds the first armor block: leading garbage is skipped and the block ends at the first line starting `-----END `,
 * whatever type it names, exactly as go-crypto reads it. Returns null when there is no BEGIN line or no END line.
 */
export function firstArmorBlock(text: string): ArmorBlock | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => BEGIN.test(line.trim()));
  if (start === -1) return null;
  const type = BEGIN.exec(lines[start]!.trim())![1]!;
  let end = -1;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith("-----END ")) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const body = lines.slice(start + 1, end);
  const furtherBlocks = lines.slice(end + 1).filter((line) => BEGIN.test(line.trim())).length;
  return { type, text: [`-----BEGIN ${type}-----`, ...body, `-----END ${type}-----`, ""].join("\n"), furtherBlocks };
}
