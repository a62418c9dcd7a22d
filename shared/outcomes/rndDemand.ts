// R&D demand (기술수요): the five headings of the national R&D demand survey (개발목표, 배경 및
// 필요성, 개발내용, 국내외 동향, 파급효과; domain.md §3.2), plus the living-lab specifics: who will
// use it and where it is tested.
import { z } from 'zod';
import { idList, longText, requiredText, shortText, textList } from './fields';
import { defineOutcomeType } from './type';

export const rndDemandType = defineOutcomeType({
  kind: 'rnd_demand',
  collection: 'rnd_demands',
  content: z.object({
    /** 기술명 */
    title: requiredText(),
    development_goal: longText(),
    background_and_need: longText(),
    development_content: longText(),
    domestic_overseas_trends: longText(),
    ripple_effects: longText(),
    demand_side_users: textList(),
    test_site: z.object({ region: shortText(), description: longText() }),
    linked_problem_ids: idList(),
    linked_idea_ids: idList(),
  }),
});

export type RndDemand = z.infer<typeof rndDemandType.schema>;
