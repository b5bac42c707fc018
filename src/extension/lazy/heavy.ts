/**
 * Everything the extension host needs that is too heavy for activation (run-log reading with its
 * validators, Arrow, CSV parsing, tracing). Bundled separately as dist/heavy.js and loaded on first
 * use through ./load, so activate() never pays for it.
 */
export * from '../../core/runlog';
export * from '../../core/trace';
export * from '../../core/compare';
export * from '../../core/checks';
export * from '../../core/graph';
export * from '../record/requirements';
