/**
 * Key lookup in a CSV's bytes (csvKeyScan.ts) against the table reader's answer (openTable + findInVector, the
 * path it stands in for) and against rows counted by hand; and every case where it must not answer.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DatasetRef } from '../../../src/core/runlog/model';
import { openTable } from '../../../src/core/tables';
import { csvRowAt, scanCsvForKey } from '../../../src/core/trace/csvKeyScan';
import { formatCell } from '../../../src/core/trace/source';
import { findInVector } from '../../../src/core/trace/keyValues';

const SCHEMA = [
  { name: 'id', type: 'int64' },
  { name: 'name', type: 'string' },
  { name: 'score', type: 'float64' },
  { name: 'code', type: 'int64' },
];
const ref = (rows: number, schema = SCHEMA): DatasetRef => ({ name: 'r/0.out', namespace: 'skewer-mem', schema, rowCount: rows });

describe('scanCsvForKey: a key found in the CSV bytes, as the table reader finds it', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'skewer-csvscan-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  const lines = [
    '1,Ana,0.5,38',
    '2,Bo,1.5,-38',
    '38,Zoë,38,038',
    '4,Ana ,2.25,+38',
    '5,NA,3,380',
    '6,Ana,38.0,7',
    '7,x38,1,138',
  ];
  for (const [label, eol, last] of [['LF', '\n', '\n'], ['CRLF, no final line feed', '\r\n', '']] as const) {
    it(`integers by value, text exactly (${label})`, async () => {
      const f = write(`plain-${label.length}.csv`, `id,name,score,code${eol}${lines.join(eol)}${last}`);
      const byHand = (col: number, hit: (v: string) => boolean) => lines.map((l, i) => (hit(l.split(',')[col]!) ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'code', '38'), byHand(3, (v) => Number(v) === 38));
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'code', '-38'), [1]);
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'id', '38'), [2]);
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'name', 'Ana'), [0, 5], '"Ana " is another text');
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'name', 'Zoë'), [2]);
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'code', '9'), []);
      assert.deepEqual(await scanCsvForKey(f, ref(7), 'code', 'abc'), [], 'text on an integer column matches nothing');
      // the table reader's answer for the same file
      const t = await openTable(f);
      for (const [c, v] of [['code', '38'], ['id', '38'], ['name', 'Ana'], ['name', 'Zoë'], ['code', '-38']] as const) {
        assert.deepEqual(await scanCsvForKey(f, ref(7), c, v), findInVector(t.table.getChild(c)!, v), `${c} = ${v}`);
      }
    });
  }

  it('does not answer where the bytes could read otherwise than pandas read them', async () => {
    const body = `id,name,score,code\n${lines.join('\n')}\n`;
    const plain = write('ok.csv', body);
    assert.equal(await scanCsvForKey(write('quoted.csv', body.replace('Bo', '"B,o"')), ref(7), 'id', '2'), undefined, 'a quote anywhere');
    assert.equal(await scanCsvForKey(write('blank.csv', body.replace('\n5,', '\n\n5,')), ref(7), 'id', '2'), undefined, 'a blank line between rows');
    assert.equal(await scanCsvForKey(write('semi.csv', body.replaceAll(',', ';')), ref(7), 'id', '2'), undefined, 'another separator');
    assert.equal(await scanCsvForKey(plain, ref(8), 'id', '2'), undefined, 'not the recorded row count (the file changed)');
    assert.equal(await scanCsvForKey(plain, ref(7), 'score', '0.5'), undefined, 'a float column (0.5 vs 0.50)');
    assert.equal(await scanCsvForKey(plain, ref(7), 'name', 'NA'), undefined, 'a text pandas reads as missing');
    assert.equal(await scanCsvForKey(plain, ref(7), 'id', '2', { usecols: ['id'] }), undefined, 'read options recorded');
    assert.equal(await scanCsvForKey(plain, ref(7), 'nope', '2'), undefined);
    assert.deepEqual(await scanCsvForKey(plain, ref(7), 'id', '2'), [1]);
  });

  it('csvRowAt: one row from the bytes, each value shown as the table reader shows it', async () => {
    const schema = [
      { name: 'id', type: 'int64' },
      { name: 'x', type: 'float64' },
      { name: 'city', type: 'string' },
      { name: 'ok', type: 'bool' },
      { name: 'n', type: 'int64' },
    ];
    const rows = ['1,0.123456789,Lyon,True,-5', '2,,Zoë,False,0', '3,1e-7,NA,True,12345678901234', '4,-2.5,x y,False,7', '5,inf,,True,8'];
    for (const eol of ['\n', '\r\n']) {
      const f = write(`row${eol.length}.csv`, `id,x,city,ok,n${eol}${rows.join(eol)}${eol}`);
      const t = await openTable(f);
      for (let i = 0; i < rows.length; i++) {
        const got = await csvRowAt(f, ref(rows.length, schema), i);
        const reader = Object.fromEntries(t.table.schema.fields.map((fl, c) => [fl.name, formatCell(t.table.getChildAt(c)!.get(i))]));
        // pandas read the text NA as missing (its default na_values); the table reader keeps text as written
        if (reader.city === 'NA') reader.city = null;
        assert.deepEqual(got, reader, `row ${i}`);
      }
      assert.equal(await csvRowAt(f, ref(rows.length, schema), rows.length), undefined, 'past the last row');
      assert.equal(await csvRowAt(f, ref(rows.length + 1, schema), 0), undefined, 'not the recorded row count');
    }
    const dated = write('dated.csv', 'id,when\n1,2024-01-01\n');
    assert.equal(await csvRowAt(dated, ref(1, [{ name: 'id', type: 'int64' }, { name: 'when', type: 'datetime64[ns]' }]), 0), undefined, 'a type it does not show');
  });
});

