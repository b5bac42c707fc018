/**
 * Which training run goes with a serving run: the one that wrote the model file the serving run loads
 * (recorded joblib / pickle / skops dump and load steps: same sha256, else same path written before the
 * serving run started), else the newest training run of the same folder, else the newest training run.
 */
import type { Run, Step } from '../runlog/model';

export interface Artifact {
  step: Step;
  path: string;
  sha256?: string;
  className?: string;
}

export interface Pairing {
  train: Run;
  /** How the pair was chosen. */
  by: 'artifact-hash' | 'artifact-path' | 'same-folder' | 'newest-train';
  /** One sentence for the user: which pairing was used and, for a fallback, why. */
  reason: string;
  /** The model file that links the two runs (artifact pairings only). */
  artifact?: string;
}

/** Model artifacts a run wrote (`write`) or read (`read`), in step order. */
export function artifacts(run: Run, kind: 'write' | 'read'): Artifact[] {
  const out: Artifact[] = [];
  for (const step of run.steps) {
    const a = step.args;
    if (!a || a.artifact !== kind || typeof a.path !== 'string') continue;
    out.push({ step, path: a.path, ...(typeof a.sha256 === 'string' ? { sha256: a.sha256 } : {}), ...(typeof a.class === 'string' ? { className: a.class } : {}) });
  }
  return out;
}

const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
const folderOf = (r: Run) => r.pipeline.split('/').slice(0, -1).join('/');
const started = (r: Run) => Date.parse(r.startedAt ?? '') || 0;

/** Whether `train` wrote a model file that `serve` loads; the file's name and how it matched. */
export function sharedArtifact(train: Run, serve: Run): { path: string; by: 'artifact-hash' | 'artifact-path' } | undefined {
  const written = artifacts(train, 'write');
  for (const r of artifacts(serve, 'read')) {
    const w = r.sha256 ? written.find((x) => x.sha256 === r.sha256) : undefined;
    if (w) return { path: r.path, by: 'artifact-hash' };
  }
  for (const r of artifacts(serve, 'read')) {
    // without a hash (written through an open file) the path must match and the write come first
    if (!r.sha256 || !written.some((x) => x.sha256)) {
      if (written.some((x) => x.path === r.path) && started(train) <= started(serve)) return { path: r.path, by: 'artifact-path' };
    }
  }
  return undefined;
}

/** The training run to compare `serve` with, among `runs` (any order), and why. */
export function pairServingRun(serve: Run, runs: Run[]): Pairing | undefined {
  const trains = runs.filter((r) => r.phase === 'train' && r !== serve).sort((a, b) => started(b) - started(a));
  if (!trains.length) return undefined;
  const reads = artifacts(serve, 'read');
  // newest first: a retrained model overwrote the file, so the newest writer of those bytes (or that path) wins
  for (const by of ['artifact-hash', 'artifact-path'] as const) {
    for (const t of trains) {
      const hit = sharedArtifact(t, serve);
      if (hit?.by === by) {
        return { train: t, by, artifact: hit.path, reason: `${t.pipeline} wrote ${base(hit.path)}, which ${serve.pipeline} loads${by === 'artifact-path' ? ' (same path; no hash was recorded)' : ''}.` };
      }
    }
  }
  const why = reads.length
    ? `no recorded training run wrote ${reads.map((r) => base(r.path)).join(', ')}, which ${serve.pipeline} loads`
    : `${serve.pipeline} loads no recorded model file`;
  const same = trains.find((t) => folderOf(t) === folderOf(serve));
  if (same) return { train: same, by: 'same-folder', reason: `Paired with the newest training run in the same folder: ${why}.` };
  return { train: trains[0]!, by: 'newest-train', reason: `Paired with the newest training run: ${why}.` };
}
