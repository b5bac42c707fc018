/**
 * One feature's training and serving distributions on the shared bins the distances were computed on
 * (ColumnSkew.histogram), drawn as plain SVG: a few dozen rects need no charting library (the webview
 * bundle grows by a few KB, a library would add 50–400 KB). Training is a filled bar, serving an
 * outlined one, so the two stay apart by shape as well as colour in every theme; colours are
 * --vscode-charts-* through classes in styles.css (the strict CSP allows no inline style sheets).
 */
import type { SkewRow } from '../../../src/shared/protocol';

type Histogram = NonNullable<SkewRow['histogram']>;
type HistogramBar = Histogram['bars'][number];

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
const W = 600;
const PLOT_H = 140;
const TOP = 14;
const BOTTOM = 34;
const LEFT = 44;

export interface SkewHistogramProps {
  column: string;
  histogram: Histogram;
  leftLabel: string;
  rightLabel: string;
}

/** The chart plus its legend; categories get horizontal side-by-side bars so long names stay readable. */
export function SkewHistogram({ column, histogram, leftLabel, rightLabel }: SkewHistogramProps) {
  const biggest = [...histogram.bars].sort((a, b) => Math.abs(b.left - b.right) - Math.abs(a.left - a.right))[0];
  const summary =
    `${column}: ${leftLabel} vs ${rightLabel}, ${histogram.bars.length} ${histogram.kind === 'categories' ? 'categories' : histogram.kind === 'values' ? 'values' : 'bins'}` +
    (biggest ? `; largest difference at ${biggest.label}: ${pct(biggest.left)} vs ${pct(biggest.right)}` : '');
  return (
    <figure className="histogram" data-kind={histogram.kind}>
      <figcaption className="histogram-legend">
        <span className="swatch swatch-train" aria-hidden="true" /> {leftLabel}
        <span className="swatch swatch-serve" aria-hidden="true" /> {rightLabel}
        <span className="muted"> · share of non-missing values{histogram.kind === 'bins' ? ' per bin' : ''}</span>
      </figcaption>
      {histogram.kind === 'categories' ? <CategoryBars bars={histogram.bars} summary={summary} leftLabel={leftLabel} rightLabel={rightLabel} /> : <ColumnBars histogram={histogram} summary={summary} leftLabel={leftLabel} rightLabel={rightLabel} />}
    </figure>
  );
}

const tip = (b: HistogramBar, l: string, r: string) => `${b.label}: ${l} ${pct(b.left)}, ${r} ${pct(b.right)}`;

/** Numeric bins (overlaid: one slot per bin) or numeric values (side by side: two bars per value). */
function ColumnBars({ histogram, summary, leftLabel, rightLabel }: { histogram: Histogram; summary: string; leftLabel: string; rightLabel: string }) {
  const { bars } = histogram;
  const overlay = histogram.kind === 'bins';
  const max = Math.max(1e-9, ...bars.flatMap((b) => [b.left, b.right]));
  const gap = overlay ? 1 : 4;
  // overflow bins sit a little apart: they gather everything beyond the drawn range, their width is not to scale
  const apart = 8;
  const nApart = bars.filter((b) => b.overflow).length;
  const slot = (W - LEFT - 4 - nApart * apart) / bars.length;
  const y = (p: number) => TOP + PLOT_H - (p / max) * PLOT_H;
  const xs: number[] = [];
  let x = LEFT;
  bars.forEach((b, i) => {
    if (b.overflow && i === 0) {
      xs.push(x);
      x += slot + apart;
      return;
    }
    if (b.overflow) x += apart;
    xs.push(x);
    x += slot;
  });
  const labelEvery = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <svg className="histogram-chart" viewBox={`0 0 ${W} ${TOP + PLOT_H + BOTTOM}`} width={W} height={TOP + PLOT_H + BOTTOM} role="img" aria-label={summary}>
      <line className="h-axis" x1={LEFT} x2={W - 4} y1={TOP + PLOT_H + 0.5} y2={TOP + PLOT_H + 0.5} />
      <line className="h-grid" x1={LEFT} x2={W - 4} y1={TOP + 0.5} y2={TOP + 0.5} />
      <text className="h-text" x={LEFT - 4} y={TOP + 4} textAnchor="end">
        {pct(max)}
      </text>
      <text className="h-text" x={LEFT - 4} y={TOP + PLOT_H + 4} textAnchor="end">
        0
      </text>
      {bars.map((b, i) => {
        const x0 = xs[i]!;
        const w = overlay ? slot - gap : (slot - gap) / 2;
        const serveX = overlay ? x0 : x0 + w;
        return (
          <g key={i} className={b.overflow ? 'h-bar h-overflow' : 'h-bar'}>
            <title>{tip(b, leftLabel, rightLabel)}</title>
            <rect className="h-train" x={x0 + gap / 2} y={y(b.left)} width={Math.max(0, w)} height={TOP + PLOT_H - y(b.left)} />
            <rect className="h-serve" x={serveX + gap / 2 + 1} y={y(b.right) + 1} width={Math.max(0, w - 2)} height={Math.max(0, TOP + PLOT_H - y(b.right) - 1)} />
            {/* a transparent target so hovering anywhere in the slot shows the numbers */}
            <rect className="h-hit" x={x0} y={TOP} width={slot} height={PLOT_H} />
          </g>
        );
      })}
      {bars.map((b, i) => {
        const show = !overlay || b.overflow || i % labelEvery === 0;
        if (!show) return null;
        // bins are labelled by their lower edge at their left side; values and overflow bars by their label, centred
        const text = overlay && !b.overflow ? (b.lo !== undefined ? b.label.split(' – ')[0] : b.label) : b.label;
        const at = overlay && !b.overflow ? xs[i]! : xs[i]! + slot / 2;
        return (
          <text key={`l${i}`} className="h-text" x={at} y={TOP + PLOT_H + 14} textAnchor={overlay && !b.overflow ? 'start' : 'middle'}>
            {text}
          </text>
        );
      })}
      {overlay && !bars[bars.length - 1]?.overflow && (
        <text className="h-text h-muted" x={W - 4} y={TOP + PLOT_H + 28} textAnchor="end">
          {lastEdge(bars)}
        </text>
      )}
    </svg>
  );
}

/** The upper edge of the last core bin, so the axis says where the drawn range ends. */
function lastEdge(bars: HistogramBar[]): string {
  const core = bars.filter((b) => !b.overflow);
  const last = core[core.length - 1];
  return last ? `up to ${last.label.split(' – ')[1] ?? last.label}` : '';
}

/** Top categories: one row each, training and serving bars side by side (stacked in the row), the share written out. */
function CategoryBars({ bars, summary, leftLabel, rightLabel }: { bars: HistogramBar[]; summary: string; leftLabel: string; rightLabel: string }) {
  const row = 30;
  const labelW = 150;
  const numW = 96;
  const max = Math.max(1e-9, ...bars.flatMap((b) => [b.left, b.right]));
  const width = (p: number) => ((W - labelW - numW) * p) / max;
  const h = bars.length * row + 4;
  return (
    <svg className="histogram-chart" viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-label={summary}>
      {bars.map((b, i) => {
        const y0 = i * row + 2;
        const name = b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label;
        return (
          <g key={i} className={b.overflow ? 'h-bar h-overflow' : 'h-bar'}>
            <title>{tip(b, leftLabel, rightLabel)}</title>
            <text className={b.overflow ? 'h-text h-muted' : 'h-text'} x={labelW - 6} y={y0 + row / 2 + 4} textAnchor="end">
              {name}
            </text>
            <rect className="h-train" x={labelW} y={y0 + 2} width={width(b.left)} height={row / 2 - 3} />
            <rect className="h-serve" x={labelW + 1} y={y0 + row / 2 + 1} width={Math.max(0, width(b.right) - 2)} height={row / 2 - 4} />
            <text className="h-text h-muted" x={W - numW + 6} y={y0 + row / 2 + 4}>
              {pct(b.left)} → {pct(b.right)}
            </text>
            <rect className="h-hit" x={0} y={y0} width={W} height={row} />
          </g>
        );
      })}
    </svg>
  );
}
