import { analyzeDocument } from '../src/core/static/index';
import * as fs from 'fs';
const f = process.argv[2];
const r = analyzeDocument({ path: f, text: fs.readFileSync(f, 'utf8') }, {});
for (const x of r.findings) console.log(x.location.cell ?? '', x.location.line, x.ruleId, x.message);
for (const n of r.notes) console.log('NOTE', n.kind, n.message);
