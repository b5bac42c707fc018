export * from './modelInput';
export * from './skew';
export * from './featureIdentity';
export * from './findings';
export * from './pairing';
export * from './rowSkew';
