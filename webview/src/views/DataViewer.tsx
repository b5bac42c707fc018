/**
 * The data viewer: a virtualized table over rows that stay in the extension's tables worker. Only
 * the rows on screen (plus a margin) are asked for, in windows of WINDOW rows, and cached per query
 * version; a new sort or filter bumps the version, so late windows of an old query are dropped.
 * Each column header shows its type, null and distinct counts, and a mini histogram (numbers,
 * dates) or its top values (text); the header's name sorts, its field filters.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { DataViewerInfo, DataViewerStats, FromDataViewer, JsonCell, ToDataViewer } from '../../../src/shared/protocol';
import { assertNever } from '../../../src/shared/protocol';
import { DataViewerHeader } from './DataViewerHeader';

const vscode = acquireVsCodeApi<{ sort?: Sort; filters?: Record<number, string> }>();
const post = (m: FromDataViewer) => vscode.postMessage(m);

export const ROW_HEIGHT = 24;
const WINDOW = 100;
const OVERSCAN = 20;
/** Past this the scroll height is scaled (browsers cap an element's height at ~33M px). */
const MAX_SCROLL_PX = 8_000_000;
const COLUMN_WIDTH = 180;
const ROWNUM_WIDTH = 80;

export interface Sort { column: number; descending: boolean }
interface Row { cells: JsonCell[]; rowId: number; position: number }

export function DataViewer() {
  const [info, setInfo] = useState<DataViewerInfo>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [stats, setStats] = useState<Record<number, DataViewerStats>>({});
  const [total, setTotal] = useState<number | undefined>();
  const [sort, setSort] = useState<Sort | undefined>(vscode.getState()?.sort);
  const [filters, setFilters] = useState<Record<number, string>>(vscode.getState()?.filters ?? {});
  const [, setTick] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const version = useRef(0);
  const rows = useRef(new Map<number, Row>());
  const requested = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const totalRef = useRef<number | undefined>(undefined);
  totalRef.current = total;

  const runQuery = useCallback((s: Sort | undefined, f: Record<number, string>) => {
    version.current++;
    rows.current.clear();
    requested.current.clear();
    setTotal(undefined);
    vscode.setState({ sort: s, filters: f });
    const list = Object.entries(f).filter(([, t]) => t.trim()).map(([c, t]) => ({ column: Number(c), text: t }));
    post({ type: 'query', version: version.current, filters: list, ...(s ? { sort: s } : {}) });
  }, []);

  useEffect(() => {
    const onMessage = (event: MessageEvent<ToDataViewer>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'info':
          setInfo(msg.info);
          setError(undefined);
          runQuery(vscode.getState()?.sort, vscode.getState()?.filters ?? {});
          break;
        case 'queried':
          if (msg.version === version.current) setTotal(msg.total);
          break;
        case 'window':
          if (msg.version !== version.current) break;
          msg.rows.forEach((cells, i) => rows.current.set(msg.start + i, { cells, rowId: msg.rowIds[i], position: msg.positions?.[i] ?? msg.rowIds[i] }));
          setTotal(msg.total);
          setTick((t) => t + 1);
          break;
        case 'stats':
          setStats((s) => ({ ...s, [msg.stats.column]: msg.stats }));
          break;
        case 'notice':
          setNotice(msg.message);
          // A rejected filter leaves the last good query in force in the worker: show its rows again.
          if (totalRef.current === undefined) {
            requested.current.add(0);
            post({ type: 'window', version: version.current, start: 0, count: WINDOW });
          }
          break;
        case 'error':
          setError(msg.message);
          break;
        case 'theme':
          document.body.dataset.skewerTheme = msg.kind;
          break;
        default:
          assertNever(msg);
      }
    };
    window.addEventListener('message', onMessage);
    post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => { ro.disconnect(); el.removeEventListener('scroll', measure); };
  }, [info]);

  const count = total ?? 0;
  const natural = count * ROW_HEIGHT;
  const scaled = natural > MAX_SCROLL_PX;
  const bodyHeight = scaled ? MAX_SCROLL_PX : natural;
  const visible = Math.ceil(viewport.height / ROW_HEIGHT) + 1;
  let first: number;
  let blockTop: number;
  if (scaled) {
    const frac = viewport.top / Math.max(1, bodyHeight - viewport.height);
    first = Math.min(Math.max(0, count - visible), Math.round(frac * Math.max(0, count - visible)));
    blockTop = viewport.top;
  } else {
    first = Math.floor(viewport.top / ROW_HEIGHT);
    blockTop = first * ROW_HEIGHT;
  }
  const last = Math.min(count, first + visible);

  // Ask for the windows that cover the screen and its margin, once per query version.
  useEffect(() => {
    if (total === undefined) return;
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(total, last + OVERSCAN);
    for (let w = Math.floor(from / WINDOW); w * WINDOW < to; w++) {
      if (requested.current.has(w)) continue;
      requested.current.add(w);
      post({ type: 'window', version: version.current, start: w * WINDOW, count: WINDOW });
    }
  });

  if (error) return <main className="viewer"><p className="error" role="alert">{error}</p></main>;
  if (!info) return <main className="viewer"><p className="muted">Opening the table…</p></main>;

  const width = ROWNUM_WIDTH + info.columns.length * COLUMN_WIDTH;
  const toggleSort = (c: number) => {
    const next: Sort | undefined = sort?.column !== c ? { column: c, descending: false } : !sort.descending ? { column: c, descending: true } : undefined;
    setSort(next);
    setNotice(undefined);
    runQuery(next, filters);
  };
  const setFilter = (c: number, text: string) => {
    const next = { ...filters, [c]: text };
    setFilters(next);
    setNotice(undefined);
    runQuery(sort, next);
  };
  const trace = (r: Row) => post({ type: 'trace', position: r.position });
  const shown: ReactElement[] = [];
  for (let i = first; i < last; i++) {
    const r = rows.current.get(i);
    shown.push(
      <div
        key={i}
        className={`row${info.traceable ? ' traceable' : ''}`}
        role="row"
        aria-rowindex={i + 2}
        style={{ height: ROW_HEIGHT }}
        {...(info.traceable && r ? { tabIndex: 0, title: `Trace output row ${r.position}`, onClick: () => trace(r), onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Enter') trace(r); } } : {})}
      >
        <div className="cell rownum" role="rowheader" style={{ width: ROWNUM_WIDTH }}>{r ? (info.traceable ? r.position : r.rowId) : i}</div>
        {info.columns.map((_, c) => <Cell key={c} value={r?.cells[c]} loading={!r} />)}
      </div>,
    );
  }

  return (
    <main className="viewer">
      <header className="viewer-head">
        <h1>{info.title}</h1>
        <p className="muted source">
          {info.source}
          {total !== undefined && (info.rowCount === null || total !== info.loadedRows) ? ` · ${total.toLocaleString('en-US')} rows match` : ''}
          {info.traceable ? ' · click a row to trace it' : ''}
        </p>
        {info.limited && <p className="warning limited" role="note">{info.limited}</p>}
        {notice && <p className="warning notice" role="status">{notice}</p>}
      </header>
      <div className="scroller" ref={scroller} tabIndex={0} role="grid" aria-label={`${info.title}: arrow keys and Page Up/Down scroll`} aria-rowcount={count + 1} aria-colcount={info.columns.length + 1}>
        <div className="head-row" role="row" style={{ width }}>
          <div className="cell rownum head" role="columnheader" style={{ width: ROWNUM_WIDTH }}>{info.traceable ? 'position' : 'row'}</div>
          {info.columns.map((col, c) => (
            <DataViewerHeader
              key={c}
              column={col}
              index={c}
              stats={stats[c]}
              width={COLUMN_WIDTH}
              streamed={info.streamed}
              sort={sort?.column === c ? (sort.descending ? 'descending' : 'ascending') : undefined}
              filter={filters[c] ?? ''}
              onSort={() => toggleSort(c)}
              onFilter={(t) => setFilter(c, t)}
            />
          ))}
        </div>
        <div className="body" style={{ height: bodyHeight, width }}>
          <div className="block" style={{ transform: `translateY(${blockTop}px)` }}>{shown}</div>
        </div>
        {total === 0 && <p className="muted empty">No rows match.</p>}
        {total === undefined && <p className="muted empty">Sorting and filtering…</p>}
      </div>
    </main>
  );
}

function Cell({ value, loading }: { value: JsonCell | undefined; loading: boolean }) {
  if (loading) return <div className="cell loading" role="gridcell" style={{ width: COLUMN_WIDTH }}>…</div>;
  if (value === null || value === undefined) return <div className="cell null" role="gridcell" style={{ width: COLUMN_WIDTH }}>null</div>;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return <div className={`cell ${typeof value}`} role="gridcell" style={{ width: COLUMN_WIDTH }} title={text.length > 20 ? text : undefined}>{text}</div>;
}
