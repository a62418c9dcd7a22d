// Public API of the export package. Import from here.
export * from './schema';
export * from './build';
export * from './validate';
export * from './csv';
export * from './forms';
export * from './bundle';
export * from './jsonSchema';
