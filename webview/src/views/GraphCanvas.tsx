import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent, type WheelEvent } from 'react';
import type { Box } from '../../../src/core/graph/layout';
import { extraLine, metaLine } from '../../../src/core/graph/layout';
import type { GraphEdge, GraphHighlight, GraphNode } from '../../../src/core/graph/types';

export interface SceneNode {
  key: string;
  graph: number;
  node: GraphNode;
  box: Box;
}

export interface SceneEdge {
  key: string;
  graph: number;
  edge: GraphEdge;
  points: { x: number; y: number }[];
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  width: number;
  height: number;
  /** Node key → its matched node in the other graph. */
  partner: Map<string, string>;
  /** Node key → match number (0: only in this run); absent when one graph is shown. */
  matchNo: Map<string, number>;
  titles: { x: number; y: number; text: string }[];
  /** Identity of what is shown (run ids): a new key fits the view again, a grown run keeps the user's zoom. */
  key: string;
  layoutMs?: number;
}

interface View {
  k: number;
  x: number;
  y: number;
}

const MIN_K = 0.1;
const MAX_K = 3;
/** The smallest zoom at which node text (11–12.5 px) stays readable. */
const READABLE_K = 0.75;
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The drawing: SVG nodes and edges with zoom (wheel, + / −, 0 fits) and pan (drag), every step a
 * focusable button (Tab, arrow keys to the nearest step in that direction, Enter opens its line).
 */
export function GraphCanvas({ scene, highlight, onOpen, onToggleInner }: { scene: Scene; highlight?: GraphHighlight; onOpen: (graph: number, nodeId: string) => void; onToggleInner?: (graph: number, nodeId: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ k: 1, x: 0, y: 0 });
  const [focused, setFocused] = useState<string | undefined>();
  const fittedKey = useRef('');
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean } | undefined>(undefined);

  /** The whole graph in view (`0`); or, when first shown, as much as fits at a readable size, from the top. */
  const fit = useCallback(
    (readable = false) => {
      const el = host.current;
      if (!el) return;
      const w = el.clientWidth || 800;
      const h = el.clientHeight || 600;
      const whole = Math.min(1, w / (scene.width + 32), h / (scene.height + 32));
      const k = Math.max(MIN_K, readable ? Math.max(whole, READABLE_K) : whole);
      setView({ k, x: Math.max(16, (w - scene.width * k) / 2), y: 16 });
    },
    [scene.width, scene.height],
  );

  useLayoutEffect(() => {
    if (fittedKey.current !== scene.key) {
      fittedKey.current = scene.key;
      fit(true);
    }
  }, [scene.key, fit]);

  // Drawing time for the benchmark and tests: layout + React commit + the next frame.
  useEffect(() => {
    const t0 = performance.now();
    requestAnimationFrame(() => {
      document.body.dataset.graphLayoutMs = (scene.layoutMs ?? 0).toFixed(1);
      document.body.dataset.graphDrawMs = (performance.now() - t0).toFixed(1);
      document.body.dataset.graphDrawnAt = performance.now().toFixed(1);
      document.body.dataset.graphNodes = String(scene.nodes.length);
    });
  }, [scene]);

  const zoomAt = (factor: number, cx: number, cy: number) =>
    setView((v) => {
      const k = Math.min(MAX_K, Math.max(MIN_K, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });

  const onWheel = (e: WheelEvent) => {
    const r = host.current!.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX)) {
      if (!e.ctrlKey && !e.metaKey && !e.shiftKey && e.deltaMode === 0 && Math.abs(e.deltaY) < 40) {
        // Trackpad two-finger scroll: pan.
        setView((v) => ({ ...v, x: v.x - e.deltaX, y: v.y - e.deltaY }));
        return;
      }
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    } else setView((v) => ({ ...v, x: v.x - e.deltaX }));
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    d.moved = true;
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  };
  const onPointerUp = () => {
    // A drag is not a click: keep the flag until the click event has seen it.
    setTimeout(() => (drag.current = undefined), 0);
  };

  /** Pans so that a node is inside the viewport (keyboard focus moves off-screen otherwise). */
  const reveal = (key: string) => {
    const n = scene.nodes.find((s) => s.key === key);
    const el = host.current;
    if (!n || !el) return;
    setView((v) => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      const left = n.box.x * v.k + v.x;
      const top = n.box.y * v.k + v.y;
      const right = left + n.box.width * v.k;
      const bottom = top + n.box.height * v.k;
      let { x, y } = v;
      if (left < 8) x += 8 - left;
      else if (right > w - 8) x -= right - (w - 8);
      if (top < 8) y += 8 - top;
      else if (bottom > h - 8) y -= bottom - (h - 8);
      return { ...v, x, y };
    });
  };

  const focusNode = (key: string) => {
    const el = host.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(key)}"]`);
    el?.focus({ preventScroll: true });
    reveal(key);
  };

  /** The scene node of the element an event happened on (events are delegated: nodes carry no handlers). */
  const nodeAt = (target: EventTarget | null): SceneNode | undefined => {
    const key = (target as Element | null)?.closest?.('[data-key]')?.getAttribute('data-key');
    return key ? scene.nodes.find((n) => n.key === key) : undefined;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const r = host.current!.getBoundingClientRect();
    if (e.key === 'Enter' || e.key === ' ') {
      const n = nodeAt(e.target);
      if (!n) return;
      // Space on a pipeline with inner steps shows them (or folds them back); else it opens the line as Enter does.
      if (e.key === ' ' && onToggleInner && (n.node.inner || n.node.unfolded)) onToggleInner(n.graph, n.node.id);
      else onOpen(n.graph, n.node.id);
    } else if (e.key === '+' || e.key === '=') zoomAt(1.2, r.width / 2, r.height / 2);
    else if (e.key === '-' || e.key === '_') zoomAt(1 / 1.2, r.width / 2, r.height / 2);
    else if (e.key === '0') fit(false);
    else if (e.key.startsWith('Arrow')) {
      const from = scene.nodes.find((n) => n.key === focused) ?? scene.nodes[0];
      if (!from) return;
      const next = focused ? nearest(scene.nodes, from, e.key) : from;
      if (next) focusNode(next.key);
    } else return;
    e.preventDefault();
  };

  const onClick = (e: MouseEvent) => {
    const n = nodeAt(e.target);
    if (!n || drag.current?.moved) return;
    if (onToggleInner && (e.target as Element | null)?.closest?.('[data-toggle]')) onToggleInner(n.graph, n.node.id);
    else onOpen(n.graph, n.node.id);
  };
  const onFocus = (e: FocusEvent) => {
    const n = nodeAt(e.target);
    if (!n) return;
    setFocused(n.key);
    // Tab moves focus to nodes off-screen too: bring them into view.
    reveal(n.key);
  };

  const partnerOfFocus = focused ? scene.partner.get(focused) : undefined;
  // The drawing is memoised: zooming and panning change one transform, not 2,000 elements.
  const layer = useMemo(() => <SceneLayer scene={scene} highlight={highlight} partnerKey={partnerOfFocus} />, [scene, highlight, partnerOfFocus]);

  return (
    <div
      ref={host}
      className="graph-canvas"
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={onFocus}
    >
      <svg role="group" aria-label="Pipeline graph" width="100%" height="100%">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
          </marker>
        </defs>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {layer}
          {partnerOfFocus && focused && <MatchLine a={scene.nodes.find((n) => n.key === focused)!} b={scene.nodes.find((n) => n.key === partnerOfFocus)!} />}
        </g>
      </svg>
    </div>
  );
}

const SceneLayer = memo(function SceneLayer({ scene, highlight, partnerKey }: { scene: Scene; highlight?: GraphHighlight; partnerKey?: string }) {
  const paired = scene.matchNo.size > 0;
  const onPath = highlight ? new Set(highlight.edges) : undefined;
  return (
    <>
      {scene.titles.map((t) => (
        <text key={t.x} x={t.x} y={t.y} className="graph-title">
          {t.text}
        </text>
      ))}
      {scene.edges.map((se) => (
        <Edge key={se.key} se={se} traced={se.graph === 0 && onPath?.has(se.edge.id) === true} />
      ))}
      {scene.nodes.map((sn) => (
        <Node
          key={sn.key}
          sn={sn}
          matchNo={paired && sn.node.kind === 'step' ? scene.matchNo.get(sn.key) : undefined}
          partnerFocused={partnerKey === sn.key}
          fate={sn.graph === 0 ? highlight?.nodes[sn.node.id] : undefined}
        />
      ))}
    </>
  );
});

/** The closest node whose centre lies in the arrow's direction (within a 60° cone first, then a half-plane). */
function nearest(nodes: SceneNode[], from: SceneNode, key: string): SceneNode | undefined {
  const cx = (b: Box) => b.x + b.width / 2;
  const cy = (b: Box) => b.y + b.height / 2;
  const dir = key === 'ArrowDown' ? [0, 1] : key === 'ArrowUp' ? [0, -1] : key === 'ArrowRight' ? [1, 0] : [-1, 0];
  let best: SceneNode | undefined;
  let bestCost = Infinity;
  for (const n of nodes) {
    if (n === from) continue;
    const dx = cx(n.box) - cx(from.box);
    const dy = cy(n.box) - cy(from.box);
    const along = dx * dir[0]! + dy * dir[1]!;
    if (along <= 1) continue;
    const across = Math.abs(dx * dir[1]! - dy * dir[0]!);
    const cost = along + across * (across > along * 1.7 ? 6 : 2);
    if (cost < bestCost) {
      bestCost = cost;
      best = n;
    }
  }
  return best;
}

function pathOf(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [p0, ...rest] = points;
  if (rest.length === 1) return `M${p0!.x},${p0!.y} L${rest[0]!.x},${rest[0]!.y}`;
  // Smooth through dagre's bend points: quadratic segments between midpoints.
  let d = `M${p0!.x},${p0!.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const c = rest[i]!;
    const n = rest[i + 1]!;
    const mx = i === rest.length - 2 ? n.x : (c.x + n.x) / 2;
    const my = i === rest.length - 2 ? n.y : (c.y + n.y) / 2;
    d += ` Q${c.x},${c.y} ${mx},${my}`;
  }
  return d;
}

const Edge = memo(function Edge({ se, traced }: { se: SceneEdge; traced: boolean }) {
  const { edge, points } = se;
  if (points.length < 2) return null;
  const mid = points[Math.floor(points.length / 2)]!;
  const label = edge.kind === 'data' ? [edge.port, edge.rows !== undefined ? fmt(edge.rows) : undefined, edge.count ? `×${edge.count}` : undefined].filter(Boolean).join(' ') : '';
  const cls = ['edge', `edge-${edge.kind}`, edge.side ? `side-${edge.side}` : '', edge.loopBack ? 'loop-back' : '', traced ? 'traced' : ''].filter(Boolean).join(' ');
  return (
    <g className={cls}>
      <path d={pathOf(points)} markerEnd="url(#arrow)">
        <title>{edge.kind === 'model' ? 'fitted model used here' : edge.kind === 'inner' ? 'inner step of this pipeline' : `${edge.port ?? 'dataset'}${edge.rows !== undefined ? `: ${fmt(edge.rows)} rows` : ''}${edge.count ? ` (${edge.count} datasets folded)` : ''}`}</title>
      </path>
      {label && (
        <text x={mid.x + 4} y={mid.y - 3} className="edge-label">
          {label}
        </text>
      )}
    </g>
  );
});

function MatchLine({ a, b }: { a: SceneNode; b: SceneNode }) {
  const [l, r] = a.box.x < b.box.x ? [a, b] : [b, a];
  return <line className="match-line" x1={l.box.x + l.box.width} y1={l.box.y + l.box.height / 2} x2={r.box.x} y2={r.box.y + r.box.height / 2} />;
}

const Node = memo(function Node({ sn, matchNo, partnerFocused, fate }: { sn: SceneNode; matchNo?: number; partnerFocused: boolean; fate?: string }) {
  const { node: n, box } = sn;
  const isStep = n.kind === 'step';
  const worst = n.findings.some((f) => f.severity === 'error') ? 'error' : n.findings.length ? 'warning' : undefined;
  const cls = [
    'node',
    `node-${n.kind}`,
    n.opKind ? `op-${n.opKind}` : '',
    `status-${n.status}`,
    n.side ? `side-${n.side}` : '',
    fate ? `traced fate-${fate}` : '',
    matchNo === 0 ? 'unmatched' : '',
    partnerFocused ? 'partner' : '',
    n.location ? 'openable' : '',
  ].filter(Boolean).join(' ');
  const meta = isStep ? metaLine(n) : n.rowsOut !== undefined ? `${fmt(n.rowsOut)} rows` : '';
  const extra = isStep ? extraLine(n) : '';
  const tip = [
    `${n.label}${n.detail !== n.label ? ` (${n.detail})` : ''}`,
    n.location ? `${n.location.file}${n.location.cell !== undefined ? ` · cell ${n.location.cell + 1}` : ''} · line ${n.location.line}` : '',
    n.code ?? '',
    meta,
    extra,
    ...n.findings.map((f) => `${f.severity}: ${f.message} [${f.ruleId}]`),
    fate ? `traced record: ${fate}` : '',
    matchNo === 0 ? 'only in this run' : '',
  ].filter(Boolean).join('\n');
  const toggle = n.inner ? 'show' : n.unfolded ? 'fold' : undefined;
  const aria = [
    n.label, meta, extra,
    n.findings.length ? `${n.findings.length} finding${n.findings.length === 1 ? '' : 's'}` : '',
    fate ? `traced record ${fate}` : '',
    toggle === 'show' ? 'Space shows its inner steps' : toggle === 'fold' ? 'Space folds its inner steps back' : '',
  ].filter(Boolean).join(', ');
  let bx = box.width - 10;
  const badges: { text: string; cls: string; title: string }[] = [];
  if (n.status === 'failed') badges.push({ text: '!', cls: 'badge-failed', title: n.error ?? 'failed' });
  if (worst) badges.push({ text: String(n.findings.length), cls: `badge-finding badge-${worst}`, title: n.findings.map((f) => f.message).join('\n') });
  if (matchNo) badges.push({ text: String(matchNo), cls: 'badge-match', title: `matched step ${matchNo}` });
  return (
    <g
      className={cls}
      data-key={sn.key}
      data-node-id={n.id}
      transform={`translate(${box.x},${box.y})`}
      tabIndex={isStep || n.location ? 0 : -1}
      role={n.location ? 'button' : 'img'}
      aria-label={aria}
    >
      <title>{tip}</title>
      <rect className="frame" width={box.width} height={box.height} rx={isStep ? 4 : box.height / 2} />
      {n.repeat && <rect className="stack" x={4} y={box.height} width={box.width - 8} height={4} rx={2} />}
      <text x={10} y={isStep ? 18 : box.height / 2 + 4} className="label">
        {clip(n.label, box.width - 20 - badges.length * 20)}
      </text>
      {isStep && (
        <text x={10} y={35} className="meta">
          {clip(meta, box.width - 20)}
        </text>
      )}
      {extra && (
        <text x={10} y={51} className={n.status === 'failed' ? 'extra failed' : n.dropped ? 'extra dropped' : 'extra'}>
          {clip(extra, box.width - 20 - (toggle ? 18 : 0))}
        </text>
      )}
      {toggle && (
        <g className="inner-toggle" data-toggle={toggle} transform={`translate(${box.width - 18},${box.height - 16})`}>
          <title>{toggle === 'show' ? `Show the ${n.inner} inner step${n.inner === 1 ? '' : 's'} (Space)` : 'Fold the inner steps back (Space)'}</title>
          <rect x={-7} y={-7} width={14} height={14} rx={2} />
          <path d={toggle === 'show' ? 'M-4,0 H4 M0,-4 V4' : 'M-4,0 H4'} />
        </g>
      )}
      {badges.map((b) => {
        const x = bx;
        bx -= 20;
        return (
          <g key={b.cls} className={`badge ${b.cls}`} transform={`translate(${x},12)`}>
            <title>{b.title}</title>
            <circle r={8} />
            <text textAnchor="middle" y={4}>
              {b.text}
            </text>
          </g>
        );
      })}
    </g>
  );
});

/** Cuts text to about the width available (the layout estimated the same advance). */
function clip(text: string, width: number): string {
  const max = Math.max(4, Math.floor(width / 7));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
