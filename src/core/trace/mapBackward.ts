/** Row lineage read in reverse (its own module so that trace.ts and backward.ts can both use it without a cycle). */

/** Input positions (per input index) that output rows `rows` come from; undefined for a kind that cannot say. */
export function mapBackward(kind: string, arrays: Record<string, Int32Array>, inputs: number, rows: readonly number[]): { byInput: number[][]; synthetic: number } | undefined {
  const byInput: number[][] = Array.from({ length: inputs }, () => []);
  let synthetic = 0;
  const add = (k: number, p: number) => {
    if (p < 0) synthetic++;
    else if (k < inputs) byInput[k]!.push(p);
  };
  for (const r of rows) {
    switch (kind) {
      case 'identity':
        for (let k = 0; k < inputs; k++) byInput[k]!.push(r);
        break;
      case 'select': {
        const pos = arrays.positions;
        if (!pos) return undefined;
        add(0, pos[r] ?? -1);
        break;
      }
      case 'join': {
        const { left, right } = arrays;
        if (!left || !right) return undefined;
        if ((left[r] ?? -1) >= 0) byInput[0]!.push(left[r]!);
        if ((right[r] ?? -1) >= 0 && inputs > 1) byInput[1]!.push(right[r]!);
        break;
      }
      case 'concat': {
        const { part, positions } = arrays;
        if (!part || !positions) return undefined;
        add(part[r] ?? -1, positions[r] ?? -1);
        break;
      }
      case 'groupby': {
        const { offsets, members } = arrays;
        if (!offsets || !members) return undefined;
        for (let m = offsets[r]!; m < offsets[r + 1]!; m++) byInput[0]!.push(members[m]!);
        break;
      }
      default:
        return undefined;
    }
  }
  return { byInput: byInput.map((l) => [...new Set(l)].sort((a, b) => a - b)), synthetic };
}
