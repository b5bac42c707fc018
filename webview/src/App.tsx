import { useEffect, useState } from 'react';
import type { PanelState, ToWebview } from '../../src/shared/protocol';
import { assertNever } from '../../src/shared/protocol';
import { post } from './vscode';
import { Welcome } from './views/Welcome';
import { Trace } from './views/Trace';
import { Compare } from './views/Compare';

/** Root: waits for the host's snapshot after the ready handshake, then renders that screen. */
export function App() {
  const [state, setState] = useState<PanelState | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const onMessage = (event: MessageEvent<ToWebview>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'state':
          setState(msg.state);
          setError(undefined);
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

  return (
    <main className="skewer">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {state ? <Screen state={state} /> : <p className="muted">Loading…</p>}
    </main>
  );
}

function Screen({ state }: { state: PanelState }) {
  switch (state.kind) {
    case 'welcome':
      return <Welcome state={state} />;
    case 'trace':
      return <Trace state={state} />;
    case 'compare':
      return <Compare state={state} />;
    default:
      return assertNever(state);
  }
}
