import { Fragment, useState } from 'react';
import type { CompareState, SkewRow } from '../../../src/shared/protocol';
import { CompareFindings } from './CompareFindings';
import { SkewHistogram } from './SkewHistogram';

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
      <CompareFindings state={state} />
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
      {state.skew.length > 0 && <SkewTable state={state} />}
    </section>
  );
}

const fmt = (x: number | undefined, digits = 3) => (x === undefined ? '' : x.toFixed(digits));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Per-feature distribution skew of the model inputs, most skewed first; cells over their threshold are highlighted.
 *  Each feature row expands to both distributions on the bins the distances were computed on. */
function SkewTable({ state }: { state: CompareState }) {
  const t = state.thresholds;
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (column: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(column)) next.add(column);
      return next;
    });
  const over = (r: SkewRow, k: SkewRow['exceeded'][number]) => (r.exceeded.includes(k) ? 'changed' : undefined);
  const flagged = state.skew.filter((r) => r.exceeded.length).length;
  return (
    <>
      <h2>Distribution skew</h2>
      <p className="summary">
        {flagged ? `${flagged} of ${state.skew.length} features exceed a threshold` : `No feature exceeds a threshold`} (JS &gt; {t.jsDivergence} bits, PSI &gt; {t.psi}, L∞ &gt;{' '}
        {t.lInfinity}, missing rate ± {pct(t.missingRateChange)}; settings skewer.thresholds.*). Most skewed first; expand a feature to see both distributions.
      </p>
      <table className="compare skew">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">JS (bits)</th>
            <th scope="col">PSI</th>
            <th scope="col">L∞</th>
            <th scope="col">Missing {state.left.label}</th>
            <th scope="col">Missing {state.right.label}</th>
          </tr>
        </thead>
        <tbody>
          {state.skew.map((r) => {
            const expanded = open.has(r.column);
            const detailId = `skew-detail-${r.column.replace(/[^\w-]/g, '_')}`;
            return (
              <Fragment key={r.column}>
                <tr className={r.exceeded.length ? 'skew-row flagged' : 'skew-row'}>
                  <th scope="row">
                    <button type="button" className="expander" aria-expanded={expanded} aria-controls={detailId} onClick={() => toggle(r.column)}>
                      <span className="chevron" aria-hidden="true">
                        {expanded ? '▾' : '▸'}
                      </span>{' '}
                      {r.column}
                    </button>
                  </th>
                  <td className={over(r, 'jsDivergence')} title={r.note}>
                    {r.note && r.js === undefined && r.lInfinity === undefined ? <span className="muted">n/a</span> : fmt(r.js)}
                  </td>
                  <td className={over(r, 'psi')}>{fmt(r.psi)}</td>
                  <td className={over(r, 'lInfinity')} title={r.lInfinityValue ? `largest difference: ${r.lInfinityValue}` : undefined}>
                    {fmt(r.lInfinity)}
                  </td>
                  <td>{pct(r.missingLeft)}</td>
                  <td className={over(r, 'missingRateChange')}>{pct(r.missingRight)}</td>
                </tr>
                {expanded && (
                  <tr className="skew-detail" id={detailId}>
                    <td colSpan={6}>
                      {r.histogram ? (
                        <SkewHistogram column={r.column} histogram={r.histogram} leftLabel={state.left.label} rightLabel={state.right.label} />
                      ) : (
                        <p className="muted">No distributions to draw{r.note ? `: ${r.note}` : ''}.</p>
                      )}
                      <p className="missing-rate">
                        Missing values: {state.left.label} {pct(r.missingLeft)} · {state.right.label} {pct(r.missingRight)}
                        {r.exceeded.includes('missingRateChange') ? ` — changed by more than ${pct(t.missingRateChange)}` : ''}
                        {r.histogram && r.note ? ` · ${r.note}` : ''}
                      </p>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
