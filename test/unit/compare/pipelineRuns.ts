/** The committed runs of a test pipeline (test/fixtures/runs/<stack>/<name>/), by script. */
import * as path from 'node:path';
import { listRuns } from '../../../src/core/runlog/listRuns';
import type { Run } from '../../../src/core/runlog/model';

export const STACKS = ['oldest', 'current'] as const;
export const FIXTURE_RUNS = path.resolve(__dirname, '../../fixtures/runs');

export async function pipelineRuns(stack: string, name: string): Promise<Record<string, Run>> {
  const { runs, problems } = await listRuns([path.join(FIXTURE_RUNS, stack, name)]);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return Object.fromEntries(runs.map((r) => [r.run.pipeline, r.run]));
}
