// Entry of the pipeline graph webview (dist/webview/graph.js): its own bundle, so the layout
// library loads only here and the main Skewer panel stays as small as it was.
import './views/Graph.css';
import { createRoot } from 'react-dom/client';
import type { FromGraphWebview } from '../../src/shared/protocol';
import { GraphApp } from './views/Graph';

const api = acquireVsCodeApi();
const post = (m: FromGraphWebview) => api.postMessage(m);

const root = document.getElementById('root');
if (root) createRoot(root).render(<GraphApp post={post} />);
