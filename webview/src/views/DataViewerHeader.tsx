/** One column header of the data viewer: name (sorts), type, counts, mini histogram or top values, filter field. */
import { useEffect, useState } from 'react';
import type { DataViewerStats } from '../../../src/shared/protocol';

const FILTER_DELAY_MS = 400;

export function DataViewerHeader(props: {
  column: { name: string; type: string };
  index: number;
  stats: DataViewerStats | undefined;
  /** Read by row group: no sort, filter or statistics. */
  streamed: boolean;
  width: number;
  sort: 'ascending' | 'descending' | undefined;
  filter: string;
  onSort(): void;
  onFilter(text: string): void;
}) {
  const { column, stats, sort } = props;
  const [text, setText] = useState(props.filter);
  useEffect(() => setText(props.filter), [props.filter]);
  useEffect(() => {
    if (text === props.filter) return;
    const t = setTimeout(() => props.onFilter(text), FILTER_DELAY_MS);
    return () => clearTimeout(t);
  });
  return (
    <div className="cell head" role="columnheader" aria-sort={sort ?? 'none'} style={{ width: props.width }}>
      <button className="name" onClick={props.onSort} disabled={props.streamed} title={props.streamed ? column.name : `Sort by ${column.name}${sort === 'ascending' ? ' (descending next)' : sort === 'descending' ? ' (unsorted next)' : ''}`}>
        <span className="label">{column.name}</span>
        <span className="sort" aria-hidden="true">{sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : ''}</span>
      </button>
      <div className="type" title={column.type}>{column.type}</div>
      {props.streamed ? <div className="stats muted">no statistics (file over the memory bound)</div> : <Stats stats={stats} />}
      <input
        className="filter"
        type="text"
        value={text}
        placeholder="filter"
        disabled={props.streamed}
        aria-label={`Filter ${column.name}: text, = 5, > 5, <= 2020-01-01, null, !null`}
        title="text (contains), = 5, != 0, > 5, <= 2020-01-01, null, !null"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') props.onFilter(text); }}
      />
    </div>
  );
}

function Stats({ stats }: { stats: DataViewerStats | undefined }) {
  if (!stats) return <div className="stats muted">…</div>;
  const counts = `${stats.nullCount.toLocaleString('en-US')} null · ${stats.distinct.toLocaleString('en-US')} distinct${stats.nanCount ? ` · ${stats.nanCount.toLocaleString('en-US')} NaN` : ''}`;
  return (
    <div className="stats">
      <div className="counts" title={`${counts} (over ${stats.rows.toLocaleString('en-US')} rows)`}>{counts}</div>
      {stats.histogram && <Histogram h={stats.histogram} />}
      {stats.top && <Top top={stats.top} rows={stats.rows} />}
    </div>
  );
}

function Histogram({ h }: { h: NonNullable<DataViewerStats['histogram']> }) {
  const max = Math.max(1, ...h.counts);
  const w = 100 / h.counts.length;
  return (
    <div className="histogram" title={`${h.min} … ${h.max}`}>
      <svg viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={`histogram from ${h.min} to ${h.max}`}>
        {h.counts.map((c, i) => {
          const bh = c ? Math.max(1, (c / max) * 24) : 0;
          return <rect key={i} x={i * w + 0.3} y={24 - bh} width={w - 0.6} height={bh} />;
        })}
      </svg>
      <div className="range"><span>{h.min}</span><span>{h.max}</span></div>
    </div>
  );
}

function Top({ top, rows }: { top: { value: string; count: number }[]; rows: number }) {
  return (
    <ol className="top">
      {top.slice(0, 3).map((t) => (
        <li key={t.value} title={`${t.value}: ${t.count.toLocaleString('en-US')} rows`}>
          <span className="bar" style={{ width: `${Math.max(2, (t.count / Math.max(1, rows)) * 100)}%` }} />
          <span className="v">{t.value === '' ? '(empty)' : t.value}</span>
          <span className="c">{t.count.toLocaleString('en-US')}</span>
        </li>
      ))}
    </ol>
  );
}
