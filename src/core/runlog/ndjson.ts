/**
 * Streaming NDJSON reader for `events.ndjson`.
 *
 * Reads in fixed-size chunks and splits on '\n' at the byte level, so a huge log never
 * becomes one giant string. Each line is parsed on its own: a bad line becomes a Problem
 * and reading continues. The last line is special: a recorder flushes after every event,
 * so a last line without '\n' that is not valid JSON is a write cut short (crash, or a run
 * still being written), not corruption.
 */
import { open, stat } from 'node:fs/promises';
import type { Problem } from './problem';

export interface NdjsonRecord {
  /** 1-based line number in the file. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  value: unknown;
}

export interface NdjsonReadOptions {
  /** Byte offset to start at; must be the start of a line (use a previous `nextOffset`). */
  fromOffset?: number;
  /** Line number of the line at `fromOffset` (previous `nextLine`). */
  firstLine?: number;
  chunkSize?: number;
  /**
   * What to do with a last line that has no '\n' and is not valid JSON:
   * 'report' (default) records a truncated-last-line problem and consumes it;
   * 'defer' leaves it unconsumed (nextOffset points at it) so a tailer re-reads it once complete.
   */
  partialLastLine?: 'report' | 'defer';
}

export interface NdjsonResult {
  records: NdjsonRecord[];
  problems: Problem[];
  /** Offset just after the last consumed line: where an incremental read continues. */
  nextOffset: number;
  /** Line number of the line at `nextOffset`. */
  nextLine: number;
  /** Set when the last line was cut short (reported or deferred). */
  truncatedLastLine?: { line: number; offset: number; bytes: number };
}

export const TRUNCATED_LAST_LINE = 'truncated last line (run still writing or crashed)';

const NL = 0x0a;
const CR = 0x0d;

/** Streams records out of `file` one chunk at a time; the generator's return value carries the summary. */
export async function* streamNdjson(
  file: string,
  options: NdjsonReadOptions = {},
): AsyncGenerator<NdjsonRecord | Problem, Omit<NdjsonResult, 'records' | 'problems'>> {
  const chunkSize = options.chunkSize ?? 1 << 20;
  let lineNo = options.firstLine ?? 1;
  let lineStart = options.fromOffset ?? 0; // absolute offset of the pending line's first byte
  const handle = await open(file, 'r');
  try {
    let pending: Buffer[] = []; // bytes of a line that spans chunks
    let pendingLen = 0;
    let position = lineStart;
    // No bigger than what is there to read: tailing polls read a few appended bytes.
    const size = (await handle.stat()).size;
    const bufSize = Math.min(chunkSize, Math.max(1 << 16, size - position));
    const buf = Buffer.allocUnsafe(bufSize);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, bufSize, position);
      if (bytesRead === 0) break;
      const atEnd = position + bytesRead >= size && bytesRead < bufSize; // saves the read that returns 0
      position += bytesRead;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(NL, from);
        if (nl === -1 || nl >= bytesRead) break;
        let lineBytes: Buffer;
        if (pendingLen > 0) {
          pending.push(buf.subarray(from, nl));
          lineBytes = Buffer.concat(pending, pendingLen + (nl - from));
          pending = [];
          pendingLen = 0;
        } else {
          lineBytes = buf.subarray(from, nl);
        }
        const item = parseLine(file, lineBytes, lineNo, lineStart, true);
        if (item) yield item;
        lineStart += lineBytes.length + 1;
        lineNo++;
        from = nl + 1;
      }
      if (from < bytesRead) {
        // Copy: `buf` is reused by the next read.
        const rest = Buffer.from(buf.subarray(from, bytesRead));
        pending.push(rest);
        pendingLen += rest.length;
      }
      if (atEnd) break;
    }
    let truncatedLastLine: NdjsonResult['truncatedLastLine'];
    if (pendingLen > 0) {
      const lineBytes = Buffer.concat(pending, pendingLen);
      const item = parseLine(file, lineBytes, lineNo, lineStart, false);
      if (item && 'value' in item) {
        // A complete event that merely lacks its '\n': keep it.
        yield item;
        lineStart += lineBytes.length;
        lineNo++;
      } else if (item) {
        truncatedLastLine = { line: lineNo, offset: lineStart, bytes: lineBytes.length };
        if (options.partialLastLine !== 'defer') {
          yield item;
          lineStart += lineBytes.length;
          lineNo++;
        }
      } else {
        lineStart += lineBytes.length; // trailing whitespace only
      }
    }
    return truncatedLastLine
      ? { nextOffset: lineStart, nextLine: lineNo, truncatedLastLine }
      : { nextOffset: lineStart, nextLine: lineNo };
  } finally {
    await handle.close();
  }
}

/** Reads the whole file (or the part after `fromOffset`) and collects records and problems. */
export async function readNdjson(file: string, options: NdjsonReadOptions = {}): Promise<NdjsonResult> {
  const records: NdjsonRecord[] = [];
  const problems: Problem[] = [];
  const it = streamNdjson(file, options);
  for (;;) {
    const r = await it.next();
    if (r.done) return { records, problems, ...r.value };
    if ('value' in r.value) records.push(r.value);
    else problems.push(r.value);
  }
}

function parseLine(file: string, bytes: Buffer, line: number, offset: number, terminated: boolean): NdjsonRecord | Problem | undefined {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CR) end--;
  let start = 0;
  // UTF-8 byte order mark on the first line.
  if (offset === 0 && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const text = bytes.toString('utf8', start, end);
  if (text.trim() === '') return undefined;
  try {
    return { line, offset, value: JSON.parse(text) };
  } catch (e) {
    if (!terminated) {
      return { severity: 'warning', code: 'truncated-last-line', file, line, message: TRUNCATED_LAST_LINE };
    }
    const reason = e instanceof Error ? e.message : String(e);
    return {
      severity: 'error',
      code: 'malformed-line',
      file,
      line,
      message: `malformed line (not valid JSON: ${reason}); line skipped`,
    };
  }
}

/**
 * Incremental reader for a file that is still being appended to (file watching).
 * Each `poll()` reads only the bytes appended since the previous poll. A partial last line
 * is left for the next poll; `finish()` reports it as truncated once the writer is known to be gone.
 */
export class NdjsonTailer {
  private offset = 0;
  private line = 1;

  constructor(readonly file: string) {}

  get position(): { offset: number; line: number } {
    return { offset: this.offset, line: this.line };
  }

  /** New records since the last poll. `reset` is true when the file shrank (replaced) and was re-read from the start. */
  async poll(): Promise<NdjsonResult & { reset: boolean }> {
    return this.read('defer');
  }

  /** Like poll(), but a partial last line is reported as truncated and consumed. */
  async finish(): Promise<NdjsonResult & { reset: boolean }> {
    return this.read('report');
  }

  private async read(partialLastLine: 'defer' | 'report'): Promise<NdjsonResult & { reset: boolean }> {
    const size = (await stat(this.file)).size;
    let reset = false;
    if (size < this.offset) {
      this.offset = 0;
      this.line = 1;
      reset = true;
    }
    const result = await readNdjson(this.file, { fromOffset: this.offset, firstLine: this.line, partialLastLine });
    this.offset = result.nextOffset;
    this.line = result.nextLine;
    return { ...result, reset };
  }
}
