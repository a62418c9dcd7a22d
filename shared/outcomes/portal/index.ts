// Public API of portal submission. Import from here.
export * from './contract';
export * from './outbox';
export * from './httpAdapter';
