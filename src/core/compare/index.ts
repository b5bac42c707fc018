export * from './modelInput';
export * from './skew';
export * from './featureIdentity';
