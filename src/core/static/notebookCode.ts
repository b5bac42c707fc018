/**
 * The part of a notebook's JSON that static analysis needs. Saved notebooks carry their outputs
 * (plots as base64 PNG, HTML tables, widget state): megabytes of JSON around a few kilobytes of
 * code. Each cell's "outputs" and "attachments" are cut out of the text before JSON.parse, so the
 * parser never builds strings for them and memory stays proportional to the code, not the file.
 */

/** Cell keys whose values are never analysed. */
const DROPPED = new Set(['outputs', 'attachments']);

/** Index of the quote that closes the string opened at `open`, or -1. */
function stringEnd(json: string, open: number): number {
  let j = json.indexOf('"', open + 1);
  while (j >= 0) {
    let backslashes = 0;
    for (let k = j - 1; json.charCodeAt(k) === 92 /* \ */; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = json.indexOf('"', j + 1);
  }
  return -1;
}

/** Index just past the array or object opened at `open` (strings skipped whole), or -1. */
function containerEnd(json: string, open: number): number {
  let depth = 0;
  for (let i = open; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 34 /* " */) {
      i = stringEnd(json, i);
      if (i < 0) return -1;
    } else if (ch === 91 /* [ */ || ch === 123 /* { */) depth++;
    else if (ch === 93 /* ] */ || ch === 125 /* } */) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * `json` with every cell's "outputs" / "attachments" array or object replaced by an empty one.
 * Returns the text unchanged when nothing was dropped, and undefined when the structure is broken
 * (an unterminated string or bracket): the caller then parses the original text for its error.
 */
export function withoutOutputs(json: string): string | undefined {
  const parts: string[] = [];
  let copiedTo = 0;
  // Containers open above the current position: 'o' object, 'a' array, and the key that opened them.
  const kinds: number[] = [];
  const keys: (string | undefined)[] = [];
  let expectKey = false;
  let key: string | undefined;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 34 /* " */) {
      const end = stringEnd(json, i);
      if (end < 0) return undefined;
      if (expectKey) { key = json.slice(i + 1, end); expectKey = false; }
      i = end;
      continue;
    }
    if (ch === 58 /* : */) {
      // A cell is an object inside the root object's "cells" array (depth 3).
      if (kinds.length === 3 && keys[1] === 'cells' && key !== undefined && DROPPED.has(key)) {
        let v = i + 1;
        while (v < json.length && /\s/.test(json[v])) v++;
        const open = json.charCodeAt(v);
        if (open === 91 || open === 123) {
          const end = containerEnd(json, v);
          if (end < 0) return undefined;
          parts.push(json.slice(copiedTo, v), open === 91 ? '[]' : '{}');
          copiedTo = end;
          i = end - 1;
        }
      }
      continue;
    }
    if (ch === 123 /* { */ || ch === 91 /* [ */) {
      keys.push(kinds[kinds.length - 1] === 123 ? key : undefined);
      kinds.push(ch);
      expectKey = ch === 123;
      key = undefined;
      continue;
    }
    if (ch === 125 /* } */ || ch === 93 /* ] */) {
      kinds.pop();
      keys.pop();
      expectKey = false;
      continue;
    }
    if (ch === 44 /* , */) expectKey = kinds[kinds.length - 1] === 123;
  }
  if (!parts.length) return json;
  parts.push(json.slice(copiedTo));
  return parts.join('');
}
