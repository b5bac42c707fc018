import { useEffect, useMemo, useState } from 'react';
import type { FromGraphWebview, GraphViewState, ToGraphWebview } from '../../../src/shared/protocol';
import { assertNever } from '../../../src/shared/protocol';
import dagre from '@dagrejs/dagre';
import { layoutGraph, type Dagre } from '../../../src/core/graph/layout';
import { GraphCanvas, type Scene } from './GraphCanvas';

/** Gap between a train graph and the serve graph drawn beside it. */
const PAIR_GAP = 96;

/** Root of the graph webview: toolbar (pairing, loop folding, traced record), notes, and the drawing. */
export function GraphApp({ post }: { post: (m: FromGraphWebview) => void }) {
  const [state, setState] = useState<GraphViewState | undefined>();
  const [showTrace, setShowTrace] = useState(true);

  useEffect(() => {
    const onMessage = (event: MessageEvent<ToGraphWebview>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'graph':
          setState(msg.state);
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
  }, [post]);

  const scene = useMemo(() => (state ? buildScene(state) : undefined), [state]);

  if (!state) return <p className="muted">Loading…</p>;
  const paired = state.graphs.length > 1;
  const first = state.graphs[0];
  return (
    <main className="graph-app">
      <header className="toolbar" role="toolbar" aria-label="Graph options">
        <span className="title">{state.titles[0] ?? 'Pipeline graph'}</span>
        <label>
          Beside it:{' '}
          <select
            aria-label="Show another run beside this one"
            value={paired ? state.graphs[1]!.runId : ''}
            onChange={(e) => post({ type: 'pairWith', ...(e.target.value ? { runId: e.target.value } : {}) })}
          >
            <option value="">(nothing)</option>
            {state.pairCandidates.map((c) => (
              <option key={c.runId} value={c.runId}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={state.collapseLoops} onChange={(e) => post({ type: 'setCollapseLoops', value: e.target.checked })} /> Fold loops
        </label>
        {state.highlight && (
          <label>
            <input type="checkbox" checked={showTrace} onChange={(e) => setShowTrace(e.target.checked)} /> Show traced {state.highlight.record}
          </label>
        )}
        <Legend />
      </header>
      {state.problems.map((p) => (
        <p key={p} className="error" role="alert">
          {p}
        </p>
      ))}
      {first && (
        <p className="muted notes">
          {first.stepCount} step{first.stepCount === 1 ? '' : 's'}
          {first.status === 'running' ? ' so far (still recording: the graph grows as the run does)' : ''}
          {[...state.graphs.flatMap((g) => g.notes)].map((n) => ` · ${n}`)}
          {paired && ` · ${state.matches?.filter((m) => m.left && m.right).length ?? 0} steps matched with ${state.titles[1]}`}
          {' · Tab / arrow keys move between steps, Enter opens the line, Space (or ⊞ / ⊟) shows or folds a pipeline’s inner steps, + / − zoom, 0 fits, drag to pan'}
        </p>
      )}
      {scene && scene.nodes.length > 0 && (
        <GraphCanvas
          scene={scene}
          highlight={showTrace ? state.highlight : undefined}
          onOpen={(graph, nodeId) => post({ type: 'openNode', graph, nodeId })}
          onToggleInner={(graph, nodeId) => post({ type: 'toggleInner', graph, nodeId })}
        />
      )}
      {first && first.nodes.length === 0 && <p className="muted">This run has no steps yet.</p>}
    </main>
  );
}

function Legend() {
  return (
    <span className="legend" aria-label="Legend">
      <span className="swatch side-train" /> train side <span className="swatch side-test" /> test side <span className="swatch model" /> fitted model used
    </span>
  );
}

/** Lays out each graph and places the second one to the right of the first. */
function buildScene(state: GraphViewState): Scene {
  const t0 = performance.now();
  const scene: Scene = { nodes: [], edges: [], width: 0, height: 0, partner: new Map(), matchNo: new Map(), titles: [], key: state.graphs.map((g) => g.runId).join('|') };
  let x0 = 0;
  state.graphs.forEach((graph, gi) => {
    const layout = layoutGraph(graph, dagre as unknown as Dagre);
    const titleY = state.graphs.length > 1 ? 24 : 0;
    if (titleY) scene.titles.push({ x: x0 + 16, y: 16, text: state.titles[gi] ?? '' });
    for (const node of graph.nodes) {
      const b = layout.nodes[node.id]!;
      scene.nodes.push({ key: `${gi}:${node.id}`, graph: gi, node, box: { ...b, x: b.x + x0, y: b.y + titleY } });
    }
    for (const edge of graph.edges) {
      const pts = layout.edges[edge.id] ?? [];
      scene.edges.push({ key: `${gi}:${edge.id}`, graph: gi, edge, points: pts.map((p) => ({ x: p.x + x0, y: p.y + titleY })) });
    }
    scene.width = x0 + layout.width;
    scene.height = Math.max(scene.height, layout.height + titleY);
    x0 += layout.width + PAIR_GAP;
  });
  let no = 0;
  for (const m of state.matches ?? []) {
    if (!m.left || !m.right) {
      if (m.left) scene.matchNo.set(`0:${m.left}`, 0);
      if (m.right) scene.matchNo.set(`1:${m.right}`, 0);
      continue;
    }
    no++;
    scene.partner.set(`0:${m.left}`, `1:${m.right}`);
    scene.partner.set(`1:${m.right}`, `0:${m.left}`);
    scene.matchNo.set(`0:${m.left}`, no);
    scene.matchNo.set(`1:${m.right}`, no);
  }
  scene.layoutMs = performance.now() - t0;
  return scene;
}
