export * from './trace';
export * from './source';
export * from './byKey';
export * from './keyValues';
export * from './backward';
export * from './workerSource';
export * from './keyInput';
