// Form-shaped views of the package (domain.md §8.4): the records laid out under the headings of
// the 국민제안 form (제목 / 현황 및 문제점 / 개선방안 / 기대효과) and of the national R&D demand
// survey, ready to paste into a web form that has no import. Non-normative: the package is the data.
import type { Language } from '../../i18n';
import { translate } from '../text';
import type { OutcomePackage } from './schema';

export interface FormView {
  record_id: string;
  /** Form name and record title, e.g. "국민제안 — 지하상가 환기…". */
  heading: string;
  sections: Array<{ label: string; text: string }>;
}

const joinParagraphs = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join('\n\n');

/** One 국민제안 per problem statement; its improvement and effects come from the ideas linked to it. */
export function proposalForms(pkg: OutcomePackage, language: Language = 'ko'): FormView[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return pkg.problem_statements.map((problem) => {
    const ideas = pkg.ideas.filter((idea) => idea.linked_problem_ids.includes(problem.id));
    const list = (pick: (idea: (typeof ideas)[number]) => string) => ideas.length === 0
      ? t('outcomes.form.none')
      : ideas.map((idea) => (ideas.length === 1 ? pick(idea) : `${idea.title}: ${pick(idea)}`)).join('\n\n');
    return {
      record_id: problem.id,
      heading: `${t('outcomes.form.proposal')} — ${problem.title}`,
      sections: [
        { label: t('outcomes.form.proposal.title'), text: problem.title },
        { label: t('outcomes.form.proposal.situation'), text: joinParagraphs(problem.current_situation, problem.problem_description) || t('outcomes.form.none') },
        { label: t('outcomes.form.proposal.improvement'), text: list((idea) => joinParagraphs(idea.description) || idea.title) },
        { label: t('outcomes.form.proposal.effects'), text: list((idea) => idea.expected_effects || t('outcomes.form.none')) },
      ],
    };
  });
}

/** One survey answer per R&D demand: the five headings one-to-one, then users and test site. */
export function rndDemandForms(pkg: OutcomePackage, language: Language = 'ko'): FormView[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const orNone = (text: string) => text.trim() || t('outcomes.form.none');
  return pkg.rnd_demands.map((d) => ({
    record_id: d.id,
    heading: `${t('outcomes.form.rnd')} — ${d.title}`,
    sections: [
      { label: t('outcomes.form.rnd.title'), text: d.title },
      { label: t('outcomes.form.rnd.goal'), text: orNone(d.development_goal) },
      { label: t('outcomes.form.rnd.background'), text: orNone(d.background_and_need) },
      { label: t('outcomes.form.rnd.content'), text: orNone(d.development_content) },
      { label: t('outcomes.form.rnd.trends'), text: orNone(d.domestic_overseas_trends) },
      { label: t('outcomes.form.rnd.effects'), text: orNone(d.ripple_effects) },
      { label: t('outcomes.form.rnd.users'), text: orNone(d.demand_side_users.join(', ')) },
      { label: t('outcomes.form.rnd.site'), text: orNone(joinParagraphs(d.test_site.region, d.test_site.description)) },
    ],
  }));
}

/** Markdown: a heading per form, a second-level heading per form field. */
export function formToMarkdown(form: FormView): string {
  // A line starting with # or > in a participant's text would turn into markup: escape it.
  const safe = (text: string) => text.replace(/^([#>*+\-=`|]|\d+\.)/gm, '\\$1');
  return `# ${safe(form.heading)}\n\n${form.sections.map((s) => `## ${s.label}\n\n${safe(s.text)}\n`).join('\n')}`;
}

/** Plain text to paste into a web form: ■ before each heading. */
export function formToText(form: FormView): string {
  return `${form.heading}\n\n${form.sections.map((s) => `■ ${s.label}\n${s.text}\n`).join('\n')}`;
}
