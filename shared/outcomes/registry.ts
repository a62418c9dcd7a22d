// Every outcome record type, in the order exports and the editor list them. Code that handles
// "any outcome" asks this registry and never switches on a type name.
import { z } from 'zod';
import { ideaType } from './idea';
import { problemStatementType } from './problemStatement';
import { rndDemandType } from './rndDemand';

export const OUTCOME_TYPES = [problemStatementType, ideaType, rndDemandType] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];
export type OutcomeKind = OutcomeType['kind'];
export const OUTCOME_KINDS = OUTCOME_TYPES.map((t) => t.kind) as OutcomeKind[];

export const outcomeRecordSchema = z.discriminatedUnion('kind', [problemStatementType.schema, ideaType.schema, rndDemandType.schema]);
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;

export function outcomeType(kind: OutcomeKind): OutcomeType {
  const type = OUTCOME_TYPES.find((t) => t.kind === kind);
  if (!type) throw new Error(`unknown outcome kind ${kind}`);
  return type;
}
