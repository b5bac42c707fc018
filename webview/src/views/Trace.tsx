import { VscodeCheckbox } from '@vscode-elements/react-elements';
import { useState } from 'react';
import type { TraceState } from '../../../src/shared/protocol';
import { loadUiState, post, saveUiState } from '../vscode';

/** One column per step: the record's values after it, changed cells highlighted, its fate. */
export function Trace({ state }: { state: TraceState }) {
  const [changedOnly, setChangedOnly] = useState(loadUiState().changedOnly ?? false);
  const columns = [...new Set(state.steps.flatMap((s) => s.cells.map((c) => c.column)))];
  const shown = changedOnly ? columns.filter((c) => state.steps.some((s) => s.cells.some((x) => x.column === c && x.changed))) : columns;
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">
        Record {state.record} in {state.pipeline}
      </h1>
      <VscodeCheckbox
        checked={changedOnly}
        onChange={(e) => setChangedOnly(saveUiState({ changedOnly: (e.target as HTMLInputElement).checked }).changedOnly ?? false)}
      >
        Only columns that change
      </VscodeCheckbox>
      {state.problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
      <div className="table-scroll">
        <table className="trace">
          <thead>
            <tr>
              <th scope="col">Column</th>
              {state.steps.map((s) => (
                <th scope="col" key={s.seq}>
                  {s.location ? (
                    <a href="#" onClick={(e) => { e.preventDefault(); post({ type: 'openLocation', file: s.location!.file, line: s.location!.line }); }}>
                      {s.label}
                    </a>
                  ) : (
                    s.label
                  )}
                  <div className="fate">{s.fate}</div>
                </th>
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
                    <td key={s.seq} className={cell?.changed ? 'changed' : undefined}>
                      {cell ? (cell.value ?? <span className="muted">null</span>) : <span className="muted">—</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
