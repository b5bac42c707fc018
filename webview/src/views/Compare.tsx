import type { CompareState } from '../../../src/shared/protocol';

/** Schema diff between two runs (train vs serve); distribution views build on this table. */
export function Compare({ state }: { state: CompareState }) {
  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">
        {state.left.label} ↔ {state.right.label}
      </h1>
      {state.problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">{state.left.label}</th>
            <th scope="col">{state.right.label}</th>
          </tr>
        </thead>
        <tbody>
          {state.schemaDiff.map((d) => (
            <tr key={d.column} className={d.left !== d.right ? 'changed' : undefined}>
              <th scope="row">{d.column}</th>
              <td>{d.left ?? <span className="muted">missing</span>}</td>
              <td>{d.right ?? <span className="muted">missing</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
