/**
 * Static and run findings as one list (the pure part of runFindings, light enough for the extension's
 * main bundle, which merges each file's static findings with the run findings of that file as either changes).
 */
import type { Finding } from '../findings/finding';
import { sameFile } from './matchRun';

/**
 * The static finding a run finding is about: same rule, on the statement (same file and cell) or on
 * one of its related lines. A leak inside an imported helper is placed by the static analysis on the
 * document's call line with the helper's line as related location, while the run records it on the
 * helper's line: the related location may be in another file.
 */
function twinOf(r: Finding, statics: Finding[], workspaceRoot: string | undefined): Finding | undefined {
  const rl = r.location;
  return statics.find((s) => {
    const sl = s.location;
    if (s.ruleId !== r.ruleId) return false;
    if (sl.cell === rl.cell && sameFile(sl.file, rl.file, workspaceRoot, workspaceRoot) && rl.line >= sl.line && rl.line <= Math.max(sl.line, sl.endLine)) return true;
    return s.related.some((x) => x.location.line === rl.line && x.location.cell === rl.cell && sameFile(x.location.file, rl.file, workspaceRoot, workspaceRoot));
  });
}

/**
 * Static findings (already confirmed or not) and run findings as one list: a static finding a run
 * confirms, or a run finding matches, becomes source `both` with the run's evidence in
 * `confirmation`; the matching run finding is dropped. Unmatched run findings stay source `run`.
 */
export function mergeFindings(statics: Finding[], runFound: Finding[], workspaceRoot?: string): Finding[] {
  const out = statics.map((s) => (s.source === 'static' && s.confirmation?.status === 'confirmed' ? { ...s, source: 'both' as const } : s));
  const statics_ = out.length;
  for (const r of runFound) {
    const twin = twinOf(r, out.slice(0, statics_).filter((s) => s.source !== 'run'), workspaceRoot);
    if (!twin) {
      out.push(r);
      continue;
    }
    const i = out.indexOf(twin);
    // The run saw it although the confirmation picked another run or step: take the run finding's numbers.
    if (twin.confirmation?.status !== 'confirmed') {
      const { runId, ...evidence } = r.evidence;
      out[i] = { ...twin, source: 'both', confirmation: { status: 'confirmed', ...(typeof runId === 'string' ? { runId } : {}), message: r.message, evidence } };
    }
  }
  return out;
}

