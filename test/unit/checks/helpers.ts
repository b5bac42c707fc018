/** Synthetic runs for propagation and check tests: steps with lineage refs, arrays served from memory. */
import type { DatasetRef, LineageKind, OperatorKind, Run, Step } from '../../../src/core/runlog/model';
import type { LineageSource } from '../../../src/core/trace/propagate';

export interface OutSpec {
  name: string;
  port?: string;
  kind: LineageKind;
  inputs: string[];
  rowsIn: number[];
  rowsOut: number;
  arrays?: Record<string, number[] | Int32Array>;
  gap?: string;
}

export interface StepSpec {
  seq: number;
  kind: OperatorKind;
  fn?: string;
  line?: number;
  inputs: { name: string; rows?: number }[];
  outputs: OutSpec[];
  fitted?: Step['fitted'];
  parentSeq?: number;
}

export function makeRun(specs: StepSpec[], runId = 'r', file = 'p.py'): { run: Run; source: LineageSource & { calls: number } } {
  const arrays = new Map<string, Record<string, Int32Array>>();
  const steps: Step[] = specs.map((s) => {
    const outputs: DatasetRef[] = s.outputs.map((o) => {
      const refArrays: Record<string, string> = {};
      if (o.arrays) {
        const loaded: Record<string, Int32Array> = {};
        for (const [role, a] of Object.entries(o.arrays)) {
          refArrays[role] = `lineage/${o.name}.${role}.npy`;
          loaded[role] = a instanceof Int32Array ? a : Int32Array.from(a);
        }
        arrays.set(o.name, loaded);
      }
      return {
        namespace: 'skewer-mem', name: o.name, port: o.port ?? 'out', rowCount: o.rowsOut,
        lineage: { kind: o.kind, inputs: o.inputs, rowsIn: o.rowsIn, rowsOut: o.rowsOut, arrays: refArrays, ...(o.gap ? { gap: o.gap } : {}) },
      };
    });
    return {
      runId: `${runId}-${s.seq}`, seq: s.seq, jobName: `${file}/${s.fn ?? s.kind}`, function: s.fn ?? s.kind, library: 'pandas', kind: s.kind,
      location: { file, line: s.line ?? s.seq + 1, col: 1, endLine: s.line ?? s.seq + 1, endCol: 2 },
      status: 'complete', inputs: s.inputs.map((i) => ({ namespace: 'skewer-mem', name: i.name, ...(i.rows !== undefined ? { rowCount: i.rows } : {}) })),
      outputs, rowsIn: s.inputs.map((i) => i.rows ?? 0), rowsOut: s.outputs[0]?.rowsOut, columnsAdded: [], columnsRemoved: [],
      ...(s.fitted ? { fitted: s.fitted } : {}), ...(s.parentSeq !== undefined ? { parentSeq: s.parentSeq } : {}), lines: [],
    } as Step;
  });
  const run: Run = {
    runId, dir: '/nonexistent', eventsFile: '/nonexistent/events.ndjson', pipeline: file, jobNamespace: 'skewer', phase: 'train', status: 'complete',
    steps, producer: 'test', formatVersion: '1.0', isSkewer: true, modifiedAt: 0,
  };
  const source = {
    calls: 0,
    async lineage(output: DatasetRef) {
      source.calls++;
      const a = arrays.get(output.name);
      if (!a) throw new Error(`no arrays for ${output.name}`);
      return a;
    },
  };
  return { run, source };
}
