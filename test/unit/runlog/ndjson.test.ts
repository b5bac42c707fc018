import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NdjsonTailer, readNdjson, TRUNCATED_LAST_LINE } from '../../../src/core/runlog/ndjson';

describe('runlog/ndjson', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'skewer-ndjson-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string | Buffer) => {
    const f = path.join(dir, 'events.ndjson');
    writeFileSync(f, text);
    return f;
  };

  it('yields every event with its 1-based line number, across chunk boundaries', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i * 7), text: 'é✓' }));
    const f = write(lines.join('\n') + '\n');
    // A 16-byte chunk makes almost every line span several reads.
    const r = await readNdjson(f, { chunkSize: 16 });
    assert.equal(r.problems.length, 0);
    assert.deepEqual(r.records.map((x) => (x.value as { i: number }).i), lines.map((_, i) => i));
    assert.deepEqual(r.records.map((x) => x.line), lines.map((_, i) => i + 1));
    assert.equal((r.records[3]!.value as { text: string }).text, 'é✓');
    assert.equal(r.nextOffset, Buffer.byteLength(lines.join('\n') + '\n'));
  });

  it('reports a malformed middle line with file and line, and keeps reading', async () => {
    const f = write('{"a":1}\n{"a":2,,}\n\n{"a":3}\n');
    const r = await readNdjson(f);
    assert.deepEqual(r.records.map((x) => [x.line, (x.value as { a: number }).a]), [[1, 1], [4, 3]]);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.code, 'malformed-line');
    assert.equal(r.problems[0]!.line, 2);
    assert.equal(r.problems[0]!.file, f);
    assert.equal(r.problems[0]!.severity, 'error');
  });

  it('reports a truncated last line as such, not as corruption', async () => {
    const f = write('{"a":1}\n{"a":2}\n{"eventType":"COMPL');
    const r = await readNdjson(f);
    assert.equal(r.records.length, 2);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.code, 'truncated-last-line');
    assert.equal(r.problems[0]!.message, TRUNCATED_LAST_LINE);
    assert.equal(r.problems[0]!.line, 3);
    assert.deepEqual(r.truncatedLastLine, { line: 3, offset: 16, bytes: 19 });
  });

  it('keeps a complete last event that only lacks its newline; handles CRLF and a BOM', async () => {
    const f = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n{"a":2}')]));
    const r = await readNdjson(f);
    assert.equal(r.problems.length, 0);
    assert.deepEqual(r.records.map((x) => (x.value as { a: number }).a), [1, 2]);
  });

  it('reads from a byte offset (only the appended part)', async () => {
    const first = '{"a":1}\n{"a":2}\n';
    const f = write(first + '{"a":3}\n');
    const r = await readNdjson(f, { fromOffset: Buffer.byteLength(first), firstLine: 3 });
    assert.deepEqual(r.records.map((x) => [x.line, (x.value as { a: number }).a]), [[3, 3]]);
  });

  it('tails a file being written: partial lines wait for their end, shrinking restarts', async () => {
    const f = write('{"a":1}\n{"a"');
    const t = new NdjsonTailer(f);
    let r = await t.poll();
    assert.deepEqual(r.records.map((x) => x.line), [1]);
    assert.equal(r.problems.length, 0, 'a partial line while tailing is not a problem yet');
    appendFileSync(f, ':2}\n{"a":3}\n');
    r = await t.poll();
    assert.deepEqual(r.records.map((x) => [x.line, (x.value as { a: number }).a]), [[2, 2], [3, 3]]);
    r = await t.poll();
    assert.equal(r.records.length, 0);
    appendFileSync(f, '{"a":4');
    r = await t.finish();
    assert.equal(r.problems[0]?.code, 'truncated-last-line');
    assert.equal(r.problems[0]?.line, 4);
    writeFileSync(f, '{"b":1}\n');
    r = await t.poll();
    assert.equal(r.reset, true);
    assert.deepEqual(r.records.map((x) => [x.line, x.value]), [[1, { b: 1 }]]);
  });
});
