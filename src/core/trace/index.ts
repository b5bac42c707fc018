export * from './trace';
export * from './source';
