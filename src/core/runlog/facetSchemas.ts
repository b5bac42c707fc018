/**
 * The skewer_ facet JSON Schemas from docs/schemas/ (bundled by esbuild), keyed by title, and
 * the facet key each one checks. Their hash tells whether facetValidators.generated.ts is current.
 */
import { createHash } from 'node:crypto';
import columnOrigin from '../../../docs/schemas/SkewerColumnOriginDatasetFacet.schema.json';
import codeLocation from '../../../docs/schemas/SkewerCodeLocationJobFacet.schema.json';
import fittedTransformer from '../../../docs/schemas/SkewerFittedTransformerRunFacet.schema.json';
import keys from '../../../docs/schemas/SkewerKeysOutputDatasetFacet.schema.json';
import operator from '../../../docs/schemas/SkewerOperatorRunFacet.schema.json';
import rowLineage from '../../../docs/schemas/SkewerRowLineageOutputDatasetFacet.schema.json';
import run from '../../../docs/schemas/SkewerRunFacet.schema.json';
import snapshot from '../../../docs/schemas/SkewerSnapshotOutputDatasetFacet.schema.json';
import stats from '../../../docs/schemas/SkewerStatsDatasetFacet.schema.json';

/** Schema title → schema. */
export const FACET_SCHEMAS: Record<string, object> = {
  SkewerRunFacet: run,
  SkewerOperatorRunFacet: operator,
  SkewerCodeLocationJobFacet: codeLocation,
  SkewerFittedTransformerRunFacet: fittedTransformer,
  SkewerStatsDatasetFacet: stats,
  SkewerRowLineageOutputDatasetFacet: rowLineage,
  SkewerSnapshotOutputDatasetFacet: snapshot,
  SkewerColumnOriginDatasetFacet: columnOrigin,
  SkewerKeysOutputDatasetFacet: keys,
};

/** Facet key in events → schema title. */
export const FACET_KEYS: Record<string, string> = {
  skewer_run: 'SkewerRunFacet',
  skewer_operator: 'SkewerOperatorRunFacet',
  skewer_codeLocation: 'SkewerCodeLocationJobFacet',
  skewer_fittedTransformer: 'SkewerFittedTransformerRunFacet',
  skewer_stats: 'SkewerStatsDatasetFacet',
  skewer_rowLineage: 'SkewerRowLineageOutputDatasetFacet',
  skewer_snapshot: 'SkewerSnapshotOutputDatasetFacet',
  skewer_columnOrigin: 'SkewerColumnOriginDatasetFacet',
  skewer_keys: 'SkewerKeysOutputDatasetFacet',
};

export function schemasHash(): string {
  return createHash('sha256').update(JSON.stringify(FACET_SCHEMAS)).digest('hex');
}

/** ajv options shared by the build-time generator and the run-time fallback. */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;
