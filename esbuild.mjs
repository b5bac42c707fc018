// Builds every bundle Skewer ships: the extension host (node/cjs, `vscode` external), the CLI,
// the worker entry points, and the React webview (browser/iife + a CSS file, so the webview's
// CSP never needs 'unsafe-inline'). Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints [watch] lines that VS Code's $esbuild-watch problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
  define: { 'process.env.SKEWER_PRODUCTION': JSON.stringify(production ? '1' : '') },
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const workers = fs.existsSync('src/workers')
  ? fs.readdirSync('src/workers').filter((f) => f.endsWith('.worker.ts')).map((f) => `src/workers/${f}`)
  : [];

const builds = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...node, entryPoints: ['src/extension/lazy/heavy.ts'], outfile: 'dist/heavy.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  ...(workers.length ? [{ ...node, entryPoints: workers, outdir: 'dist/workers', entryNames: '[name]' }] : []),
  {
    ...common,
    // The data viewer is its own entry: the panel's bundle does not carry it, nor it the panel's views.
    entryPoints: ['webview/src/main.tsx', 'webview/src/dataViewer.tsx'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff2': 'file' },
  },
  // The pipeline graph view has its own bundle: the layout library (dagre) loads only there.
  {
    ...common,
    entryPoints: ['webview/src/graphMain.tsx'],
    outfile: 'dist/webview/graph.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
  },
];

const contexts = await Promise.all(builds.filter((b) => b.entryPoints.every((e) => fs.existsSync(e))).map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}
// parquet-wasm's wasm sits beside the decode worker's bundle (it and its client load it from there).
if (fs.existsSync('dist/workers/tables.worker.js')) {
  fs.copyFileSync('node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm', 'dist/workers/parquet_wasm_bg.wasm');
}
