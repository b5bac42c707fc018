// Entry of the data viewer's webview (its own bundle: dist/webview/dataViewer.js + .css).
import './views/DataViewer.css';
import { createRoot } from 'react-dom/client';
import { DataViewer } from './views/DataViewer';

const root = document.getElementById('root');
if (root) createRoot(root).render(<DataViewer />);
