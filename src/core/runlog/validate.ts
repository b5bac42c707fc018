/**
 * Validation of run-log events: the OpenLineage RunEvent essentials every reader relies on,
 * and Skewer's `skewer_*` facets against the JSON Schemas in docs/schemas/ (compiled ahead
 * of time into facetValidators.generated.ts, or at run time when that file is stale). Facets Skewer does not know are ignored.
 * Problems name the file, the line and the JSON path of the field.
 */
import { AJV_OPTIONS, FACET_KEYS, FACET_SCHEMAS, schemasHash } from './facetSchemas';
import * as generated from './facetValidators.generated';
import { isObject, type Json } from './json';
import type { Problem } from './problem';

export const SUPPORTED_FORMAT_MAJOR = 1;

export type EventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
const EVENT_TYPES = new Set<string>(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']);

/** A RunEvent whose essentials were checked; everything else is still raw JSON. */
export interface CheckedEvent {
  line: number;
  eventType: EventType;
  /** Milliseconds since epoch; NaN when the event has no parsable eventTime. */
  time: number;
  eventTime: string;
  runId: string;
  jobNamespace: string;
  jobName: string;
  producer: string;
  raw: Json;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
export type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let validators: Record<string, Validator> | undefined;

/**
 * Facet key → validator. The ahead-of-time code is used when it was generated from the schemas
 * bundled with this build; if someone changed a schema without regenerating, the schemas are
 * compiled at run time instead (slower once, never silently out of date).
 */
export function selectValidators(generatedHash: string = generated.SCHEMAS_SHA256): Record<string, Validator> {
  const out: Record<string, Validator> = {};
  if (generatedHash === schemasHash()) {
    const table = generated as unknown as Record<string, Validator>;
    for (const [key, title] of Object.entries(FACET_KEYS)) out[key] = table[title]!;
    return out;
  }
  // Loaded only on this path: ajv's compiler costs ~200 ms and is not needed otherwise.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS });
  for (const [key, title] of Object.entries(FACET_KEYS)) out[key] = ajv.compile(FACET_SCHEMAS[title]!) as Validator;
  return out;
}

/** At most this many schema errors are reported per facet; one broken writer should not flood the view. */
const MAX_ERRORS_PER_FACET = 5;

/** "a.b[3]['odd key']" from a base path and an ajv instancePath ("/b/3/odd key"). */
export function jsonPath(base: string, pointer: string): string {
  let out = base;
  if (pointer === '') return out;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^[0-9]+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describe(e: AjvError): { pointer: string; message: string } {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, message: 'is required but missing' };
    case 'enum':
      return {
        pointer: e.instancePath,
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(p.allowedValue)}` };
    default:
      return { pointer: e.instancePath, message: e.message ?? `fails "${e.keyword}"` };
  }
}

/**
 * Checks one skewer_ facet. Returns no problems for keys without a schema (unknown facets
 * are ignored, including skewer_ facets from newer recorders).
 */
export function validateFacet(key: string, value: unknown, file: string, line: number, path: string): Problem[] {
  validators ??= selectValidators();
  const validate = validators[key];
  if (!validate || validate(value)) return [];
  const problems: Problem[] = [];
  for (const e of validate.errors ?? []) {
    // if/then wrappers repeat the real error underneath.
    if (e.keyword === 'if') continue;
    const { pointer, message } = describe(e);
    problems.push({ severity: 'warning', code: 'invalid-facet', file, line, jsonPath: jsonPath(path, pointer), message });
    if (problems.length >= MAX_ERRORS_PER_FACET) break;
  }
  return problems;
}

function checkFacets(facets: unknown, path: string, file: string, line: number, out: Problem[]): void {
  if (facets === undefined) return;
  if (!isObject(facets)) {
    out.push({ severity: 'warning', code: 'invalid-event', file, line, jsonPath: path, message: 'must be an object' });
    return;
  }
  for (const key of Object.keys(facets)) {
    if (key.startsWith('skewer_')) out.push(...validateFacet(key, facets[key], file, line, `${path}.${key}`));
  }
}

function checkDatasets(list: unknown, name: 'inputs' | 'outputs', file: string, line: number, skewer: boolean, out: Problem[]): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    out.push({ severity: 'warning', code: 'invalid-event', file, line, jsonPath: name, message: 'must be an array' });
    return;
  }
  list.forEach((d, i) => {
    const at = `${name}[${i}]`;
    if (!isObject(d) || typeof d.namespace !== 'string' || typeof d.name !== 'string') {
      out.push({ severity: 'warning', code: 'invalid-event', file, line, jsonPath: at, message: 'dataset needs string namespace and name; ignored' });
      return;
    }
    if (!skewer) return;
    checkFacets(d.facets, `${at}.facets`, file, line, out);
    checkFacets(d[name === 'inputs' ? 'inputFacets' : 'outputFacets'], `${at}.${name === 'inputs' ? 'inputFacets' : 'outputFacets'}`, file, line, out);
  });
}

export interface ValidateOptions {
  /** Check skewer_ facets against the schemas (off for logs of a newer major format). */
  skewerSchemas: boolean;
}

/**
 * Checks one parsed line. Without the essentials (run.runId, job.namespace/name) the event
 * cannot be placed and is dropped; other defects are reported and the event is kept.
 */
export function validateEvent(
  value: unknown,
  file: string,
  line: number,
  options: ValidateOptions,
): { event?: CheckedEvent; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (jsonPath: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ severity, code: 'invalid-event', file, line, jsonPath, message });
  if (!isObject(value)) {
    bad('', 'not a JSON object; line skipped');
    return { problems };
  }
  const run = value.run;
  const job = value.job;
  // OpenLineage 2 also has JobEvents (job, no run) and DatasetEvents (dataset only): valid, but not runs.
  if (run === undefined && (isObject(job) || isObject(value.dataset))) return { problems };
  if (!isObject(run) || typeof run.runId !== 'string' || run.runId === '') {
    bad('run.runId', 'missing (not an OpenLineage RunEvent); line skipped');
    return { problems };
  }
  if (!isObject(job) || typeof job.namespace !== 'string' || typeof job.name !== 'string') {
    bad(isObject(job) ? (typeof job.namespace !== 'string' ? 'job.namespace' : 'job.name') : 'job', 'missing; line skipped');
    return { problems };
  }
  let eventType: EventType = 'OTHER';
  if (value.eventType === undefined) bad('eventType', 'missing; treated as OTHER', 'warning');
  else if (typeof value.eventType !== 'string' || !EVENT_TYPES.has(value.eventType)) {
    bad('eventType', `must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER (found ${JSON.stringify(value.eventType)}); treated as OTHER`, 'warning');
  } else eventType = value.eventType as EventType;
  let time = NaN;
  const eventTime = typeof value.eventTime === 'string' ? value.eventTime : '';
  if (eventTime === '') bad('eventTime', 'missing', 'warning');
  else {
    time = Date.parse(eventTime);
    if (Number.isNaN(time)) bad('eventTime', `not an ISO 8601 date-time: ${JSON.stringify(eventTime)}`, 'warning');
  }
  const skewer = options.skewerSchemas;
  if (skewer) {
    checkFacets(run.facets, 'run.facets', file, line, problems);
    checkFacets(job.facets, 'job.facets', file, line, problems);
  }
  checkDatasets(value.inputs, 'inputs', file, line, skewer, problems);
  checkDatasets(value.outputs, 'outputs', file, line, skewer, problems);
  return {
    event: {
      line,
      eventType,
      time,
      eventTime,
      runId: run.runId,
      jobNamespace: job.namespace,
      jobName: job.name,
      producer: typeof value.producer === 'string' ? value.producer : '',
      raw: value,
    },
    problems,
  };
}

/** Parses "MAJOR.MINOR"; undefined when malformed. */
export function parseFormatVersion(v: unknown): { major: number; minor: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9]+)\.([0-9]+)$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}
