import { VscodeButton, VscodeCheckbox } from '@vscode-elements/react-elements';
import { useState } from 'react';
import { lineLabel } from '../../../src/core/cellNumbers';
import type { TraceState, TraceStep } from '../../../src/shared/protocol';
import { loadUiState, post, saveUiState } from '../vscode';

/** One column per step: the record's values after it, changed cells highlighted, its fate on top. */
export function Trace({ state }: { state: TraceState }) {
  const [changedOnly, setChangedOnly] = useState(loadUiState().changedOnly ?? false);
  const columns = state.rows?.map((r) => r.column) ?? [...new Set(state.steps.flatMap((s) => s.cells.map((c) => c.column)))];
  const otherNames = new Map(state.rows?.map((r) => [r.column, r.names]));
  const shown = changedOnly ? columns.filter((c) => state.steps.some((s) => s.cells.some((x) => x.column === c && x.changed))) : columns;
  const end = state.steps[state.steps.length - 1];
  const leaks = state.steps.filter((s) => s.bothSides);
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">
        {state.record} · {state.pipeline}
      </h1>
      <p className="summary">
        {state.direction === 'backward' ? (
          <>
            Traced back from this row to the source rows it came from ({state.steps.length} steps).
          </>
        ) : (
          <>
            {state.steps.length} steps; last: <span className={`fate fate-${end?.fateKind ?? 'start'}`}>{end?.fate ?? 'no step'}</span>
          </>
        )}
        {state.start?.reversible && (
          <VscodeButton secondary className="retrace" onClick={() => post({ type: 'retrace', direction: state.direction === 'backward' ? 'forward' : 'backward' })}>
            {state.direction === 'backward' ? 'Trace Forward' : 'Trace Back to Source'}
          </VscodeButton>
        )}
      </p>
      {leaks.map((s) => (
        <p key={s.seq} className="leak-banner" role="alert">
          <span className="leak-badge">Leak</span> The same record is on both sides of <strong>{s.label}</strong>: {s.bothSides}.
        </p>
      ))}
      <VscodeCheckbox
        checked={changedOnly}
        onChange={(e) => setChangedOnly(saveUiState({ changedOnly: (e.target as HTMLInputElement).checked }).changedOnly ?? false)}
      >
        Only columns that change
      </VscodeCheckbox>
      <span className="muted column-count" aria-live="polite">
        {changedOnly ? ` ${shown.length} of ${columns.length} columns change` : ` ${columns.length} columns`}
      </span>
      {state.problems.map((p) => (
        <p key={p} className="warning" role="status">
          {p}
        </p>
      ))}
      <div className="table-scroll">
        <table className="trace">
          <thead>
            <tr>
              <th scope="col" className="row-head">
                Step
              </th>
              {state.steps.map((s) => (
                <StepHeader key={s.seq} step={s} />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((col) => (
              <tr key={col}>
                <th scope="row" className="row-head" title={otherNames.get(col)?.length ? `${col}; in some steps' outputs named ${otherNames.get(col)!.join(', ')}` : undefined}>
                  {col}
                </th>
                {state.steps.map((s) => {
                  const cell = s.cells.find((c) => c.column === col);
                  return (
                    <td key={s.seq} className={cell?.changed ? 'changed' : undefined} title={cell ? (cell.name ? `${cell.name} in this step's output` : undefined) : s.valuesNote}>
                      {cell ? (cell.value ?? <span className="muted">null</span>) : <span className="muted">·</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {columns.length === 0 && <p className="muted">No captured values for this record (snapshots are sampled; the fate row above still follows it through every step).</p>}
      {columns.length > 0 && shown.length === 0 && (
        <p className="muted">No step changes any of the {columns.length} captured columns of this record; untick Only columns that change to see them.</p>
      )}
    </section>
  );
}

function StepHeader({ step }: { step: TraceStep }) {
  const loc = step.location;
  return (
    <th scope="col" className={`step fate-${step.fateKind}${step.bothSides ? ' leak' : ''}`}>
      {loc ? (
        <a
          href="#"
          title={`${step.operator ? `${step.operator} · ` : ''}${loc.file} · ${lineLabel(loc)}`}
          onClick={(e) => {
            e.preventDefault();
            post({ type: 'openLocation', file: loc.file, line: loc.line, ...(loc.cell !== undefined ? { cell: loc.cell } : {}) });
          }}
        >
          {step.label}
        </a>
      ) : (
        step.label
      )}
      <div className="fate">{step.fate}</div>
      {step.bothSides && (
        <div className="leak-note">
          <span className="leak-badge">Leak</span> in train and test
        </div>
      )}
      {step.fitted && (
        <div className="fitted" title={Object.entries(step.fitted.params).map(([k, v]) => `${k}=${v}`).join('\n')}>
          {step.fitted.className} · {step.fitted.objectId}
        </div>
      )}
    </th>
  );
}
