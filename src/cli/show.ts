/** `skewer show FILE`: schema, row count and first rows of a Parquet / Arrow / Feather / CSV file. */
import { openTable, tableRows, TableReadError, TABLE_FORMATS, type JsonValue, type OpenedTable, type TableFormat } from '../core/tables';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './io';
import * as path from 'node:path';

export const SHOW_USAGE = `usage: skewer show FILE [options]

Prints a table file's schema (column name and Arrow type), its row count and its first rows.
Reads Parquet, Arrow IPC (file or stream), Feather v2 and CSV; the format comes from the
file's magic bytes, then its extension (.parquet, .arrow, .arrows, .feather, .csv).

options:
  --head N                   rows to print (default 10; 0 prints schema and row count only)
  --format text|json         output format (default text); json is
                             {"schema":[{"name","type","nullable"}],"rowCount":n,"rows":[{…}]}
  --columns a,b,…            only these columns
  --as parquet|arrow|feather|csv  read as this format instead of detecting it
  --max-mb N                 refuse a file whose decoded size would exceed N MB (default 2048)
  -h, --help                 show this help

JSON values: integers beyond ±(2^53 − 1) and decimals as strings (exact), NaN / ±Infinity
as "NaN" / "Infinity" / "-Infinity", timestamps as ISO 8601 (UTC with "Z" when the type has a
zone), dates as YYYY-MM-DD, binary as base64.
Exit status: 0 printed, 2 bad usage or a file it cannot read (one line on stderr says why).
`;

const SPEC = {
  head: { pattern: /^\d+$/, hint: 'a whole number' },
  format: { values: ['text', 'json'] },
  columns: { pattern: /^[^,]+(,[^,]+)*$/, hint: 'comma-separated column names' },
  as: { values: TABLE_FORMATS },
  'max-mb': { pattern: /^\d+(\.\d+)?$/, hint: 'a number of megabytes' },
  help: {},
  h: {},
} as const;

/** Short display of a cell for the text table. */
function text(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function clip(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

function formatText(t: OpenedTable, rows: { [k: string]: JsonValue }[]): string {
  const lines: string[] = [];
  lines.push(`${t.file}: ${t.format}, ${t.rowCount.toLocaleString('en-US')} rows × ${t.schema.length} column${t.schema.length === 1 ? '' : 's'}`);
  lines.push('');
  const nameWidth = Math.max(6, ...t.schema.map((c) => c.name.length));
  lines.push(`${'column'.padEnd(nameWidth)}  type`);
  for (const c of t.schema) lines.push(`${c.name.padEnd(nameWidth)}  ${c.type}${c.nullable ? '' : ' not null'}`);
  if (rows.length) {
    lines.push('');
    const names = t.schema.map((c) => c.name);
    const cells = rows.map((r) => names.map((n) => clip(text(r[n]), 40)));
    const widths = names.map((n, j) => Math.max(n.length, ...cells.map((row) => row[j].length)));
    lines.push(names.map((n, j) => n.padEnd(widths[j])).join('  ').trimEnd());
    for (const row of cells) lines.push(row.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd());
    if (t.rowCount > rows.length) lines.push(`… ${(t.rowCount - rows.length).toLocaleString('en-US')} more rows`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runShow(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, SPEC);
    if (parsed.flags.has('help') || parsed.flags.has('h')) { io.stdout(SHOW_USAGE); return 0; }
    if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? `one file at a time (got ${parsed.positionals.length})` : 'missing FILE');
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`skewer show: ${e.message}\n\n${SHOW_USAGE}`); return 2; }
    throw e;
  }
  const head = Number(parsed.flags.get('head') ?? 10);
  const format = (parsed.flags.get('format') ?? 'text') as 'text' | 'json';
  const columns = parsed.flags.has('columns') ? String(parsed.flags.get('columns')).split(',') : undefined;
  const maxMb = parsed.flags.has('max-mb') ? Number(parsed.flags.get('max-mb')) : undefined;
  const as = parsed.flags.get('as') as TableFormat | undefined;
  const file = path.resolve(io.cwd, parsed.positionals[0]);
  let t: OpenedTable;
  try {
    t = await openTable(file, {
      head,
      ...(columns ? { columns } : {}),
      ...(maxMb !== undefined ? { maxBytes: Math.max(1, Math.round(maxMb * 1024 * 1024)) } : {}),
      ...(as ? { format: as } : {}),
    });
  } catch (e) {
    if (e instanceof TableReadError) {
      io.stderr(`skewer show: ${parsed.positionals[0]}${e.line !== undefined ? `:${e.line}` : ''}: ${e.reason}\n`);
      return 2;
    }
    throw e;
  }
  let rows;
  try {
    rows = tableRows(t.table, head);
  } catch (e) {
    io.stderr(`skewer show: ${parsed.positionals[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  const shown = { ...t, file: parsed.positionals[0] };
  io.stdout(format === 'json' ? `${JSON.stringify({ schema: t.schema, rowCount: t.rowCount, rows })}\n` : formatText(shown, rows));
  return 0;
}
