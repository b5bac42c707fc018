/**
 * Where each code line of a notebook cell sits in the .ipynb JSON text, so file-based consumers
 * (SARIF / GitHub code scanning) can point at the right line of the notebook file. A small JSON
 * scanner walks the text once: it tracks nesting, the key being read, and the string elements of
 * each cell's "source" (array of lines, or one string).
 */

/** cell index (among all cells) → 1-based file line of each source line of that cell. */
export type CellLineMap = Record<number, number[]>;

export function notebookLineMap(json: string): CellLineMap {
  const out: CellLineMap = {};
  let line = 1;
  // Path of containers: 'o' object / 'a' array, with the key that opened it.
  const stack: { kind: 'o' | 'a'; key: string | undefined }[] = [];
  let lastKey: string | undefined;
  let expectKey = false;
  let cellIndex = -1;
  let sourceLines: number[] | null = null;
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 10) { line++; continue; }
    if (ch === 34 /* " */) {
      const startLine = line;
      let j = i + 1, text = '';
      const collectText = expectKey;
      for (; j < n; j++) {
        const c = json.charCodeAt(j);
        if (c === 92 /* \\ */) { if (collectText) text += json[j + 1]; j++; continue; }
        if (c === 34) break;
        if (c === 10) line++;
        if (collectText) text += json[j];
      }
      i = j;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'o') { lastKey = text; expectKey = false; continue; }
      // a string value
      const inCell = stack.length === 3 && stack[1].key === 'cells' && top?.kind === 'o';
      // "source": "one string" keeps every line of the cell on this one JSON line
      if (inCell && lastKey === 'source') out[cellIndex] = [startLine];
      if (sourceLines && stack.length === 4 && stack[3].key === 'source') sourceLines.push(startLine);
      continue;
    }
    if (ch === 123 /* { */ || ch === 91 /* [ */) {
      const kind = ch === 123 ? 'o' : 'a';
      const parent = stack[stack.length - 1];
      const key = parent?.kind === 'o' ? lastKey : undefined;
      stack.push({ kind, key });
      if (kind === 'o' && stack.length === 3 && stack[1].key === 'cells') cellIndex++;
      if (kind === 'a' && stack.length === 4 && key === 'source' && stack[1].key === 'cells') sourceLines = [];
      expectKey = kind === 'o';
      continue;
    }
    if (ch === 125 /* } */ || ch === 93 /* ] */) {
      const closed = stack.pop();
      if (closed?.kind === 'a' && sourceLines && stack.length === 3 && closed.key === 'source') {
        out[cellIndex] = sourceLines;
        sourceLines = null;
      }
      expectKey = false;
      continue;
    }
    if (ch === 44 /* , */) { expectKey = stack[stack.length - 1]?.kind === 'o'; continue; }
  }
  return out;
}

/** File line of 1-based `cellLine` in `cell`, when the map knows the cell. */
export function fileLineOf(map: CellLineMap | undefined, cell: number, cellLine: number): number | undefined {
  const lines = map?.[cell];
  if (!lines || !lines.length) return undefined;
  return lines[Math.min(cellLine - 1, lines.length - 1)];
}
