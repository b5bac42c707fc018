/**
 * Notebook cells numbered the way VS Code numbers them ("Cell 5 of 6" in its status bar): from 1, counting
 * every cell (markdown too), in saved order. The run log, findings and SARIF properties keep the 0-based
 * index; every text a person reads goes through these helpers so hovers, messages, the trace and the CLI
 * agree.
 */

/** "Cell 5 of 6" for 0-based `cell` 4 of 6 cells; "Cell 5" when the count is unknown. */
export function cellLabel(cell: number, cellCount?: number): string {
  return `Cell ${cell + 1}${cellCount !== undefined && cellCount > cell ? ` of ${cellCount}` : ''}`;
}

/** "line 12" in a file; "Cell 5, line 2" in a notebook (line within the cell). */
export function lineLabel(loc: { line: number; cell?: number }, cellCount?: number): string {
  return loc.cell !== undefined ? `${cellLabel(loc.cell, cellCount)}, line ${loc.line}` : `line ${loc.line}`;
}
