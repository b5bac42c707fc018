import { VscodeButton } from '@vscode-elements/react-elements';
import type { EmptyReason, WelcomeState } from '../../../src/shared/protocol';
import { post } from '../vscode';

const HEADLINES: Record<EmptyReason, string> = {
  'no-runs': 'No recorded pipeline runs yet',
  'too-few-runs': 'Comparing needs two recorded runs',
  untrusted: 'This workspace is not trusted',
  'no-workspace': 'No folder is open',
};

/** The honest empty state: says why there is nothing to show and how to get there. */
export function Welcome({ state }: { state: WelcomeState }) {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{HEADLINES[state.reason]}</h1>
      {state.reason === 'untrusted' ? (
        <p>Skewer reads run logs only in trusted workspaces. Trust this folder to see its runs and findings.</p>
      ) : state.reason === 'no-workspace' ? (
        <p>Open a folder that contains your pipeline, or open a folder of recorded runs.</p>
      ) : (
        <>
          <p>Record a run of your pandas / scikit-learn script with Skewer&apos;s recorder, from your project folder:</p>
          <pre className="command">{state.recordCommand}</pre>
          <p>Runs are written to <code>.skewer/runs</code> and appear here and in the Runs view as they are recorded.</p>
        </>
      )}
      {state.folders.length > 0 && (
        <>
          <h2>Run folders</h2>
          <ul className="folders">
            {state.folders.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> — {f.problem ? <span className="error">{f.problem}</span> : `${f.runCount} run${f.runCount === 1 ? '' : 's'}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <VscodeButton onClick={() => post({ type: 'runCommand', command: 'skewer.openRunFolder' })}>Open Run Folder…</VscodeButton>
        <VscodeButton secondary onClick={() => post({ type: 'runCommand', command: 'skewer.refreshRuns' })}>
          Refresh Runs
        </VscodeButton>
      </div>
    </section>
  );
}
