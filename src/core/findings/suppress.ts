/**
 * Inline suppression: `# skewer: ignore[rule/id, other/id]` or bare `# skewer: ignore` on the
 * finding's line or on the line just above it silences it.
 */

const DIRECTIVE = /#\s*skewer:\s*ignore(?:\[([^\]]*)\])?/i;

export interface Suppression {
  /** Rule ids listed, or null for "all rules". */
  rules: string[] | null;
}

/** Parses the directive on one source line, if any. */
export function parseSuppression(line: string): Suppression | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  if (m[1] === undefined) return { rules: null };
  const rules = m[1].split(',').map((s) => s.trim()).filter(Boolean);
  return { rules: rules.length ? rules : null };
}

/** True when `ruleId` is silenced at 1-based `line` of `lines`. */
export function isSuppressed(lines: readonly string[], line: number, ruleId: string): boolean {
  for (const l of [line, line - 1]) {
    if (l < 1 || l > lines.length) continue;
    const s = parseSuppression(lines[l - 1]);
    if (!s) continue;
    // A directive on the line above counts only when that line is a comment of its own.
    if (l === line - 1 && !/^\s*#/.test(lines[l - 1])) continue;
    if (s.rules === null || s.rules.includes(ruleId) || s.rules.some((r) => r.endsWith('/*') && ruleId.startsWith(r.slice(0, -1)))) return true;
  }
  return false;
}
