// Public API of outcome records: problem statements, ideas and R&D demands with provenance,
// versions and review; the roster and consent. Import from here.
export * from './fields';
export * from './record';
export * from './registry';
export * from './review';
export * from './participants';
export { problemStatementType, EVIDENCE_TYPES, type ProblemStatement } from './problemStatement';
export { ideaType, SOLUTION_TYPES, type Idea } from './idea';
export { rndDemandType, type RndDemand } from './rndDemand';
export * from './draft';
export * from './repository';
export * from './api';
