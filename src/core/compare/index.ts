export * from './modelInput';
export * from './skew';
