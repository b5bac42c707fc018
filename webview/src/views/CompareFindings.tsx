import type { CompareState } from '../../../src/shared/protocol';
import { post } from '../vscode';

type Finding = NonNullable<CompareState['findings']>[number];

const base = (file: string) => file.split(/[\\/]/).pop() ?? file;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/**
 * The train/serve findings at the top of Compare Runs: how the runs were paired, or that they are different
 * pipelines, then one row per finding (rule, message, the serving line that produced the column; click opens it).
 */
export function CompareFindings({ state }: { state: CompareState }) {
  const findings = [...(state.findings ?? [])].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.location.line - b.location.line);
  return (
    <section aria-labelledby="compare-findings-title" className="compare-findings">
      <h2 id="compare-findings-title">Train/serve findings</h2>
      {state.pairing && <p className="summary">{state.pairing}</p>}
      {state.unrelated ? (
        <p className="warning" role="status">
          {state.unrelated}
        </p>
      ) : findings.length === 0 ? (
        <p className="summary">No mismatch or drift between what the two runs feed the model.</p>
      ) : (
        <table className="compare findings">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Rule</th>
              <th scope="col">Finding</th>
              <th scope="col">Serving line</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f, i) => (
              <FindingRow key={`${f.ruleId}:${f.location.line}:${i}`} finding={f} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FindingRow({ finding: f }: { finding: Finding }) {
  const loc = f.location;
  return (
    <tr className={f.severity === 'error' ? 'changed' : undefined}>
      <td className={f.severity === 'error' || f.severity === 'warning' ? 'warning' : 'muted'}>{f.severity}</td>
      <td>
        <code>{f.ruleId}</code>
      </td>
      <td>{f.message}</td>
      <td>
        <a
          href="#"
          title={loc.file}
          onClick={(e) => {
            e.preventDefault();
            post({ type: 'openLocation', file: loc.file, line: loc.line, ...(loc.cell !== undefined ? { cell: loc.cell } : {}) });
          }}
        >
          {base(loc.file)}:{loc.line}
        </a>
      </td>
    </tr>
  );
}
