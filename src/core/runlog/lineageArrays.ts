/**
 * Loads the row-lineage arrays a step output references (lineage/*.npy) as Int32 row
 * positions (-1 = no source row), the compact form trace code works on.
 */
import type { RowLineageRef } from './model';
import { npyPositions, readNpy } from './npy';
import { resolveSideFile } from './sideFiles';

/** Loads every array of a lineage reference (positions, left/right, part, offsets/members) as row positions. */
export async function loadLineageArrays(runDir: string, lineage: Pick<RowLineageRef, 'arrays'>): Promise<Record<string, Int32Array>> {
  const out: Record<string, Int32Array> = {};
  await Promise.all(
    Object.entries(lineage.arrays).map(async ([role, rel]) => {
      out[role] = npyPositions(await readNpy(resolveSideFile(runDir, rel)));
    }),
  );
  return out;
}
