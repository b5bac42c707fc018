/**
 * SARIF 2.1.0 log for GitHub code scanning. Locations use repository-relative URIs; notebook
 * findings point at the .ipynb file with the cell named in the message (SARIF has no cells).
 */
import type { AnalysisNote } from '../static/types';
import type { Finding, Severity, SourceLocation } from './finding';
import { RULES, ruleHelpUri } from './rules';
import { fileLineOf, type CellLineMap } from '../static/notebookLines';
import { cellLabel } from '../cellNumbers';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function level(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** Forward slashes, no leading "./", percent-encoded where a URI needs it. */
export function toUri(file: string): string {
  const norm = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return norm.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

/**
 * Notebook findings are cell-relative; SARIF regions are file lines. With the notebook's line map
 * the region points at the JSON line holding that source line (columns omitted: they would be
 * offsets into an escaped string).
 */
function physical(l: SourceLocation, maps: Map<string, CellLineMap> | undefined) {
  const artifactLocation = { uri: toUri(l.file), uriBaseId: '%SRCROOT%' };
  if (l.cell !== undefined) {
    const map = maps?.get(l.file);
    const start = fileLineOf(map, l.cell, l.line);
    const end = fileLineOf(map, l.cell, l.endLine);
    if (start !== undefined) return { artifactLocation, region: { startLine: start, endLine: Math.max(start, end ?? start) } };
  }
  return { artifactLocation, region: { startLine: l.line, startColumn: l.col, endLine: l.endLine, endColumn: l.endCol } };
}

function cellNote(l: SourceLocation): string {
  return l.cell !== undefined ? ` (notebook ${cellLabel(l.cell)})` : '';
}

export interface SarifOptions {
  toolVersion: string;
  /** Absolute file URI (ending in '/') the relative artifact URIs resolve against. */
  srcRootUri?: string;
  /** Per notebook file: where each cell line sits in the .ipynb text (see notebookLineMap). */
  notebookLines?: Map<string, CellLineMap>;
}

export function toSarif(findings: Finding[], notes: AnalysisNote[], opts: SarifOptions): object {
  const ruleIds = [...new Set([...RULES.map((r) => r.id), ...findings.map((f) => f.ruleId)])];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const r = RULES.find((x) => x.id === id);
    return {
      id,
      name: id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: { text: r?.title ?? id },
      fullDescription: { text: r?.description ?? id },
      helpUri: ruleHelpUri(id),
      help: { text: `${r?.description ?? id} See ${ruleHelpUri(id)}` },
      defaultConfiguration: { level: level(r?.defaultSeverity ?? 'warning') },
      properties: { tags: [id.split('/')[0]] },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: level(f.severity),
    message: { text: f.message + cellNote(f.location) },
    locations: [{ physicalLocation: physical(f.location, opts.notebookLines) }],
    ...(f.related.length ? {
      relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r.location, opts.notebookLines), message: { text: r.message + cellNote(r.location) } })),
    } : {}),
    ...(f.fixes.length ? {
      fixes: f.fixes.map((fx) => ({
        description: { text: fx.title },
        artifactChanges: groupByFile(fx.edits.map((e) => e.location.file)).map((file) => ({
          artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' },
          replacements: fx.edits.filter((e) => e.location.file === file).map((e) => ({
            deletedRegion: { startLine: e.location.line, startColumn: e.location.col, endLine: e.location.endLine, endColumn: e.location.endCol },
            insertedContent: { text: e.newText },
          })),
        })),
      })),
    } : {}),
    partialFingerprints: { primaryLocationLineHash: fingerprint(f) },
    properties: { evidence: f.evidence, source: f.source, ...(f.confirmation ? { confirmation: f.confirmation } : {}), ...(f.location.cell !== undefined ? { cell: f.location.cell } : {}) },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'skewer', informationUri: 'https://github.com/skewer-ml/skewer', version: opts.toolVersion, semanticVersion: opts.toolVersion, rules } },
      ...(opts.srcRootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: opts.srcRootUri } } } : {}),
      results,
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: notes.map((n) => ({
          level: n.kind === 'skipped' ? 'warning' : 'note',
          message: { text: n.message },
          ...(n.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(n.path), uriBaseId: '%SRCROOT%' }, ...(n.line ? { region: { startLine: n.line } } : {}) } }] } : {}),
        })),
      }],
    }],
  };
}

function groupByFile(files: string[]): string[] {
  return [...new Set(files)];
}

/** Stable per (rule, file, cell, message) so re-runs do not churn alerts when lines shift. */
function fingerprint(f: Finding): string {
  const s = `${f.ruleId}|${f.location.file}|${f.location.cell ?? ''}|${f.message}`;
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0).toString(16).padStart(8, '0');
}
