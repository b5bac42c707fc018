/**
 * Pipeline graph benchmark: the graph of a ~200-step run (test/pipelines/graph_loop recorded on the oldest
 * stack, loops not folded: 190 steps + 37 files) laid out and drawn.
 *   1. Layout alone in Node, dagre (what the view uses) vs elkjs (layered), median of 7 after a warm-up.
 *   2. Layout + React render + the next frame in Chromium, with the real webview bundle (dist/webview/graph.js,
 *      `npm run build` first): from the state message to the frame after the commit. Baseline in the same page:
 *      the same number of boxes and labels inserted as static SVG markup and painted (no layout, no React).
 * Target (issue 10): ≤ 300 ms laid out and drawn. Prints ratios to the baselines, then one JSON line.
 * Screenshot: bench/.work/graph-200.png.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error TS1479 -- typed as ESM under Node16 resolution; tsx loads its CommonJS build.
import dagre from '@dagrejs/dagre';
import ELK from 'elkjs/lib/elk.bundled.js';
import { chromium } from 'playwright-core';
import { buildGraph, type PipelineGraph } from '../src/core/graph';
import { layoutGraph, nodeSize, type Dagre } from '../src/core/graph/layout';
import { readRun } from '../src/core/runlog';
import type { GraphViewState } from '../src/shared/protocol';
import { median } from './util';

const root = path.resolve(__dirname, '..');
const work = path.join(root, 'bench', '.work');

async function elkLayout(elk: InstanceType<typeof ELK>, g: PipelineGraph): Promise<number> {
  const t0 = performance.now();
  await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '28', 'elk.layered.spacing.nodeNodeBetweenLayers': '44' },
    children: g.nodes.map((n) => ({ id: n.id, ...nodeSize(n) })),
    edges: g.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = path.join(root, 'test/fixtures/runs/oldest/graph_loop');
  const { run } = await readRun(path.join(dir, readdirSync(dir)[0]!));
  const graph = buildGraph(run, { collapseLoops: false });
  const steps = graph.nodes.filter((n) => n.kind === 'step').length;
  console.log(`graph: ${steps} steps, ${graph.nodes.length} nodes, ${graph.edges.length} edges (loops not folded)`);

  const dagreMs: number[] = [];
  const elkMs: number[] = [];
  const elk = new ELK();
  layoutGraph(graph, dagre as Dagre);
  await elkLayout(elk, graph);
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    layoutGraph(graph, dagre as Dagre);
    dagreMs.push(performance.now() - t0);
    elkMs.push(await elkLayout(elk, graph));
  }
  const d = median(dagreMs);
  const e = median(elkMs);
  console.log(`layout in Node: dagre ${d.toFixed(1)} ms, elkjs ${e.toFixed(1)} ms (dagre ${(d / e).toFixed(2)}× elkjs)`);
  const bundle = (f: string) => (existsSync(f) ? statSync(f).size : NaN);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const sizes = { dagre: bundle(path.join(root, 'node_modules/@dagrejs/dagre/dist/dagre.min.js')), elkjs: bundle(path.join(root, 'node_modules/elkjs/lib/elk.bundled.js')) };
  console.log(`library size (minified): dagre ${kb(sizes.dagre)}, elkjs ${kb(sizes.elkjs)}`);

  const js = path.join(root, 'dist/webview/graph.js');
  if (!existsSync(js)) throw new Error('dist/webview/graph.js is missing: npm run build first');
  const state: GraphViewState = { graphs: [graph], titles: [`${run.pipeline} · train`], pairCandidates: [], collapseLoops: false, problems: [] };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const draws: number[] = [];
  const layouts: number[] = [];
  const baselines: number[] = [];
  try {
    for (let i = 0; i < 6; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.setContent(`<!DOCTYPE html><html><head><style>${readFileSync(path.join(root, 'dist/webview/graph.css'), 'utf8')}
        body { --vscode-foreground:#ccc; --vscode-editor-background:#1e1e1e; --vscode-descriptionForeground:#9d9d9d; --vscode-editorWidget-background:#252526;
        --vscode-editorWidget-border:#454545; --vscode-focusBorder:#007fd4; --vscode-charts-blue:#3794ff; --vscode-charts-orange:#d18616; --vscode-charts-green:#89d185;
        --vscode-charts-purple:#b180d7; --vscode-charts-yellow:#cca700; --vscode-errorForeground:#f48771; --vscode-editorWarning-foreground:#cca700;
        --vscode-badge-background:#4d4d4d; --vscode-badge-foreground:#fff; --vscode-font-family:sans-serif; --vscode-font-size:13px; }</style></head>
        <body><div id="root"></div><script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });</script></body></html>`);
      await page.addScriptTag({ content: readFileSync(js, 'utf8') });
      // Page code as strings: this file compiles without the DOM library.
      const drawn = (await page.evaluate(`(async (s) => {
        const t0 = performance.now();
        window.postMessage({ type: 'graph', state: s }, '*');
        while (!document.body.dataset.graphDrawnAt) await new Promise((r) => setTimeout(r, 5));
        return [Number(document.body.dataset.graphDrawnAt) - t0, Number(document.body.dataset.graphLayoutMs)];
      })(${JSON.stringify(state)})`)) as [number, number];
      const base = (await page.evaluate(`(() => {
        const n = ${graph.nodes.length};
        const t0 = performance.now();
        const host = document.createElement('div');
        let svg = '<svg width="1400" height="9000">';
        for (let k = 0; k < n; k++) svg += '<g transform="translate(' + (k % 6) * 220 + ',' + Math.floor(k / 6) * 100 + ')"><rect width="200" height="58" rx="4"/><text x="10" y="18">step ' + k + ' label text</text><text x="10" y="35">line ' + k + ' · 2,000 → 1,923 rows</text></g><path d="M0,' + k + ' L10,' + (k + 40) + '"/>';
        host.innerHTML = svg + '</svg>';
        document.body.appendChild(host);
        return new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));
      })()`)) as number;
      draws.push(drawn[0]);
      layouts.push(drawn[1]);
      baselines.push(base);
      if (i === 5) {
        mkdirSync(work, { recursive: true });
        await page.evaluate('document.body.lastElementChild.remove()');
        await page.screenshot({ path: path.join(work, 'graph-200.png') });
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const dm = median(draws.slice(1));
  const bm = median(baselines.slice(1));
  const lm = median(layouts.slice(1));
  console.log(`laid out and drawn in Chromium: ${dm.toFixed(1)} ms median of 5 (of it layout ${lm.toFixed(1)} ms; first page ${draws[0]!.toFixed(1)} ms; target ≤ 300 ms); baseline static SVG of the same size ${bm.toFixed(1)} ms (${(dm / bm).toFixed(1)}×)`);
  console.log(`webview bundle: graph.js ${kb(bundle(js))} + graph.css ${kb(bundle(path.join(root, 'dist/webview/graph.css')))}; main.js ${kb(bundle(path.join(root, 'dist/webview/main.js')))} (without dagre)`);
  console.log(JSON.stringify({ bench: 'graph', steps, nodes: graph.nodes.length, dagreMs: d, elkMs: e, drawMs: dm, layoutInPageMs: lm, baselineMs: bm, graphJs: bundle(js) }));
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
