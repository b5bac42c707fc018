export * from './modelInput';
