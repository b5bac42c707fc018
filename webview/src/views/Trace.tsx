import { VscodeCheckbox } from '@vscode-elements/react-elements';
import { useState } from 'react';
import type { TraceState, TraceStep } from '../../../src/shared/protocol';
import { loadUiState, post, saveUiState } from '../vscode';

/** One column per step: the record's values after it, changed cells highlighted, its fate on top. */
export function Trace({ state }: { state: TraceState }) {
  const [changedOnly, setChangedOnly] = useState(loadUiState().changedOnly ?? false);
  const columns = [...new Set(state.steps.flatMap((s) => s.cells.map((c) => c.column)))];
  const shown = changedOnly ? columns.filter((c) => state.steps.some((s) => s.cells.some((x) => x.column === c && x.changed))) : columns;
  const end = state.steps[state.steps.length - 1];
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">
        {state.record} · {state.pipeline}
      </h1>
      <p className="summary">
        {state.steps.length} steps; last: <span className={`fate fate-${end?.fateKind ?? 'start'}`}>{end?.fate ?? 'no step'}</span>
      </p>
      <VscodeCheckbox
        checked={changedOnly}
        onChange={(e) => setChangedOnly(saveUiState({ changedOnly: (e.target as HTMLInputElement).checked }).changedOnly ?? false)}
      >
        Only columns that change
      </VscodeCheckbox>
      {state.problems.map((p) => (
        <p key={p} className="warning" role="status">
          {p}
        </p>
      ))}
      <div className="table-scroll">
        <table className="trace">
          <thead>
            <tr>
              <th scope="col">Step</th>
              {state.steps.map((s) => (
                <StepHeader key={s.seq} step={s} />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((col) => (
              <tr key={col}>
                <th scope="row">{col}</th>
                {state.steps.map((s) => {
                  const cell = s.cells.find((c) => c.column === col);
                  return (
                    <td key={s.seq} className={cell?.changed ? 'changed' : undefined} title={cell ? undefined : s.valuesNote}>
                      {cell ? (cell.value ?? <span className="muted">null</span>) : <span className="muted">·</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="muted">No captured values for this record (snapshots are sampled; the fate row above still follows it through every step).</p>}
    </section>
  );
}

function StepHeader({ step }: { step: TraceStep }) {
  const loc = step.location;
  return (
    <th scope="col" className={`step fate-${step.fateKind}`}>
      {loc ? (
        <a
          href="#"
          title={`${loc.file}${loc.cell !== undefined ? ` cell ${loc.cell + 1}` : ''}:${loc.line}`}
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
      {step.fitted && (
        <div className="fitted" title={Object.entries(step.fitted.params).map(([k, v]) => `${k}=${v}`).join('\n')}>
          {step.fitted.className} · {step.fitted.objectId}
        </div>
      )}
    </th>
  );
}
