// Problem statement (문제 정의서): the redefined problem a Self-Solving Group agrees on
// (domain.md §7.3). Its content fields are the form, the CSV columns and the package's fields.
import { z } from 'zod';
import { longText, requiredText, shortText, textList } from './fields';
import { defineOutcomeType } from './type';

export const EVIDENCE_TYPES = ['observation', 'survey', 'sensor_data', 'public_data', 'statistic', 'interview'] as const;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(200);

export const problemStatementType = defineOutcomeType({
  kind: 'problem_statement',
  collection: 'problem_statements',
  content: z.object({
    title: requiredText(),
    summary: longText(),
    current_situation: longText(),
    problem_description: longText(),
    affected_groups: list(z.object({ group: requiredText(), description: longText() })),
    region: z.object({ name: shortText(), code: shortText() }),
    evidence: list(z.object({ type: z.enum(EVIDENCE_TYPES), description: longText(), source: shortText() })),
    /** `from_record_id`: the problem-tree node or note it came from ('' when typed in). */
    root_causes: list(z.object({ text: requiredText(), from_record_id: shortText() })),
    effects: textList(),
    hmw_questions: list(z.object({ text: requiredText(), from_record_id: shortText() })),
    goals: list(z.object({ text: requiredText(), indicator: shortText(), baseline: shortText(), target: shortText() })),
    constraints: textList(),
  }),
});

export type ProblemStatement = z.infer<typeof problemStatementType.schema>;
