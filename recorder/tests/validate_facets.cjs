// Validates every skewer_ facet in the given events.ndjson files against docs/schemas (JSON Schema 2020-12).
// Usage: node validate_facets.cjs <repoRoot> <events.ndjson>...   Prints one JSON summary line; exit 1 on errors.
const fs = require('fs');
const path = require('path');
const root = path.resolve(process.argv[2]);
const Ajv = require(path.join(root, 'node_modules', 'ajv', 'dist', '2020')).default;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const names = {
  skewer_run: 'SkewerRunFacet', skewer_operator: 'SkewerOperatorRunFacet',
  skewer_codeLocation: 'SkewerCodeLocationJobFacet', skewer_fittedTransformer: 'SkewerFittedTransformerRunFacet',
  skewer_stats: 'SkewerStatsDatasetFacet', skewer_rowLineage: 'SkewerRowLineageOutputDatasetFacet',
  skewer_snapshot: 'SkewerSnapshotOutputDatasetFacet',
  skewer_columnOrigin: 'SkewerColumnOriginDatasetFacet', skewer_keys: 'SkewerKeysOutputDatasetFacet',
};
const validators = {};
for (const [facet, file] of Object.entries(names)) {
  validators[facet] = ajv.compile(JSON.parse(fs.readFileSync(path.join(root, 'docs', 'schemas', file + '.schema.json'), 'utf8')));
}
const counts = {};
const errors = [];
function check(facets, where) {
  for (const [k, v] of Object.entries(facets || {})) {
    if (!k.startsWith('skewer_')) continue;
    const validate = validators[k];
    if (!validate) { errors.push(`${where}: unknown skewer facet ${k}`); continue; }
    counts[k] = (counts[k] || 0) + 1;
    if (!validate(v)) errors.push(`${where} ${k}: ${ajv.errorsText(validate.errors)}`);
    if (!v._schemaURL.endsWith(`/docs/schemas/${names[k]}.schema.json`)) errors.push(`${where} ${k}: _schemaURL ${v._schemaURL}`);
  }
}
for (const file of process.argv.slice(3)) {
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line) return;
    const e = JSON.parse(line);
    const where = `${file}:${i + 1}`;
    check(e.run.facets, where);
    check(e.job.facets, where);
    for (const d of [...(e.inputs || []), ...(e.outputs || [])]) { check(d.facets, where); check(d.outputFacets, where); }
  });
}
console.log(JSON.stringify({ counts, errors: errors.slice(0, 20), errorCount: errors.length }));
process.exit(errors.length ? 1 : 0);
