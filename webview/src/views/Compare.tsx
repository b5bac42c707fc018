import type { CompareState } from '../../../src/shared/protocol';

const KIND_TEXT: Record<CompareState['schemaDiff'][number]['kind'], string> = {
  same: '',
  'missing-right': 'missing on the right',
  'missing-left': 'new on the right',
  dtype: 'dtype differs',
  position: 'moved: a model reads columns by position',
};

/** What two runs fed their model: columns, dtypes and positions side by side, differences first. */
export function Compare({ state }: { state: CompareState }) {
  const rows = [...state.schemaDiff].sort((a, b) => Number(a.kind === 'same') - Number(b.kind === 'same'));
  const differing = rows.filter((r) => r.kind !== 'same').length;
  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">
        {state.left.label} ↔ {state.right.label}
      </h1>
      <p className="summary">
        Model input: {state.leftInput} ↔ {state.rightInput}. {differing ? `${differing} of ${rows.length} columns differ.` : rows.length ? 'Same columns, dtypes and order.' : ''}
      </p>
      {state.problems.map((p) => (
        <p key={p} className="warning" role="status">
          {p}
        </p>
      ))}
      {rows.length > 0 && (
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">{state.left.label}</th>
              <th scope="col">{state.right.label}</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.column} className={d.kind !== 'same' ? 'changed' : undefined}>
                <th scope="row">{d.column}</th>
                <td>{d.left ?? <span className="muted">missing</span>}</td>
                <td>{d.right ?? <span className="muted">missing</span>}</td>
                <td>{KIND_TEXT[d.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
