// Idea (해결 아이디어): a solution direction for one or more problem statements (domain.md §7.3).
import { z } from 'zod';
import { idList, longText, requiredText, textList } from './fields';
import { defineOutcomeType } from './type';

export const SOLUTION_TYPES = ['technology', 'service', 'policy_regulation', 'community_action', 'data', 'infrastructure'] as const;
const rating = () => z.number().int().min(1).max(5).nullable();

export const ideaType = defineOutcomeType({
  kind: 'idea',
  collection: 'ideas',
  content: z.object({
    title: requiredText(),
    description: longText(),
    solution_type: z.enum(SOLUTION_TYPES),
    technologies: textList(),
    /** 1–5 from the impact/feasibility matrix; null until placed. */
    impact: rating(),
    feasibility: rating(),
    expected_effects: longText(),
    linked_problem_ids: idList(),
  }),
});

export type Idea = z.infer<typeof ideaType.schema>;
