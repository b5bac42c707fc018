// The one place that touches acquireVsCodeApi (it may be called only once per webview).
// UI code talks to the host through `post` and keeps navigation/UI state with `loadUiState`/`saveUiState`.
import type { FromWebview } from '../../src/shared/protocol';

export interface UiState {
  /** Whether unchanged cells are hidden in the trace view. */
  changedOnly?: boolean;
}

const api = acquireVsCodeApi<UiState>();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

export function loadUiState(): UiState {
  return api.getState() ?? {};
}

export function saveUiState(patch: Partial<UiState>): UiState {
  const next = { ...loadUiState(), ...patch };
  api.setState(next);
  return next;
}
