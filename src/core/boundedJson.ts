/** Deeper JSON than this is refused before it is parsed: no QuickBlox answer nests past a few levels. */
export const MAX_JSON_DEPTH = 64;

export type BoundedJson = { ok: true; value: unknown } | { ok: false; problem: 'empty' | 'invalid' | 'too_deep' };

/**
 * Parses JSON from an untrusted source whose nesting is first measured without recursion, so
 * that everything that walks the result afterwards (reading error messages, rendering documents)
 * stays within the stack.
 */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): BoundedJson {
  if (openingsMayExceed(text, maxDepth) && depthOf(text) > maxDepth) return { ok: false, problem: 'too_deep' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Empty text fails to parse too: told apart only then, so an answer that parses is read once.
    return { ok: false, problem: text.trim() === '' ? 'empty' : 'invalid' };
  }
}

/**
 * Whether the text has more than `limit` of `[` and `{` in all (strings included): nesting can go no
 * deeper than that count, and most answers have a handful, found faster than the text is walked.
 */
function openingsMayExceed(text: string, limit: number): boolean {
  let count = 0;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) {
    if (++count > limit) return true;
  }
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) {
    if (++count > limit) return true;
  }
  return false;
}

/** The deepest nesting of `[` and `{` outside strings; text that is not JSON still gets a number. */
export function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++;
      } // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return deepest;
}
