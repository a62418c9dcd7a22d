// The printable report in Korean (pdf-lib, fonts through fontkit): problem statements, ideas,
// R&D demands, ranked votes and attendance by role, made from a package (so a `public` report
// carries exactly what the `public` package does). Fonts are passed in as a fallback list: each
// character is drawn with the first font that has it, which works with one full font or with the
// bundled font's per-range files alike.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Language } from '../../i18n';
import { SSG_ROLES } from '../participants';
import { translate } from '../text';
import type { OutcomePackage } from './schema';

const PAGE = { w: 595.28, h: 841.89, margin: 56 } as const; // A4
const STYLE = {
  title: { size: 20, gapBefore: 0, color: 0.1 },
  heading: { size: 15, gapBefore: 18, color: 0.1 },
  subheading: { size: 12, gapBefore: 12, color: 0.15 },
  label: { size: 9.5, gapBefore: 6, color: 0.4 },
  body: { size: 10.5, gapBefore: 2, color: 0.1 },
} as const;
type Style = keyof typeof STYLE;
const LINE_HEIGHT = 1.55;
/** Drawn for a character no font has (an emoji, say): visible, never silently dropped. */
const MISSING = '□';

/** A picture of one frame of the board (PNG), drawn from the package's words by the caller. */
export interface FramePicture {
  title: string;
  png: Uint8Array;
}

export interface ReportOptions {
  language?: Language;
  /** One picture per frame, each on its own page after the text. */
  frames?: readonly FramePicture[];
  /** Called with 0…1 as blocks are laid out (large exports show progress). */
  onProgress?: (fraction: number) => void;
}

interface Block { style: Style; text: string }

export function reportBlocks(pkg: OutcomePackage, language: Language = 'ko'): Block[] {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(language, key, vars);
  const blocks: Block[] = [];
  const add = (style: Style, text: string) => { if (text.trim()) blocks.push({ style, text }); };
  const field = (labelKey: Parameters<typeof translate>[1], text: string) => {
    if (!text.trim()) return;
    add('label', t(labelKey));
    add('body', text);
  };
  const list = (labelKey: Parameters<typeof translate>[1], items: string[]) => field(labelKey, items.filter(Boolean).map((i) => `· ${i}`).join('\n'));

  add('title', t('outcomes.report.title'));
  add('body', t('outcomes.report.session', { title: pkg.session.title }));
  add('body', t('outcomes.report.published', { date: pkg.published_at.slice(0, 10), profile: t(`outcomes.profile.${pkg.profile}`) }));

  add('heading', t('outcomes.report.attendance'));
  const counts = pkg.session.attendance.counts_by_role;
  add('body', SSG_ROLES.map((role) => `${t(`outcomes.role.${role}`)} ${counts[role]}`).join(' · '));
  add('body', t('outcomes.report.attendanceTotal', { count: pkg.session.attendance.total }));

  if (pkg.problem_statements.length) add('heading', t('outcomes.report.problems'));
  pkg.problem_statements.forEach((p, i) => {
    add('subheading', `${i + 1}. ${p.title || t('outcomes.report.untitled')} (${t(`outcomes.status.${p.status}`)})`);
    field('outcomes.field.summary', p.summary);
    field('outcomes.field.current_situation', p.current_situation);
    field('outcomes.field.problem_description', p.problem_description);
    list('outcomes.field.affected_groups', p.affected_groups.map((g) => (g.description ? `${g.group}: ${g.description}` : g.group)));
    list('outcomes.field.root_causes', p.root_causes.map((c) => c.text));
    list('outcomes.field.effects', p.effects);
    list('outcomes.field.hmw_questions', p.hmw_questions.map((h) => h.text));
    list('outcomes.field.goals', p.goals.map((g) => [g.text, g.indicator, g.baseline && `${g.baseline} → ${g.target}`].filter(Boolean).join(' / ')));
    list('outcomes.field.constraints', p.constraints);
  });

  if (pkg.ideas.length) add('heading', t('outcomes.report.ideas'));
  pkg.ideas.forEach((idea, i) => {
    add('subheading', `${i + 1}. ${idea.title} (${t(`outcomes.solutionType.${idea.solution_type}`)}, ${t(`outcomes.status.${idea.status}`)})`);
    field('outcomes.field.description', idea.description);
    field('outcomes.field.expected_effects', idea.expected_effects);
    list('outcomes.field.technologies', idea.technologies);
    const ratings = [
      idea.impact !== null ? `${t('outcomes.field.impact')}: ${idea.impact}` : '',
      idea.feasibility !== null ? `${t('outcomes.field.feasibility')}: ${idea.feasibility}` : '',
    ].filter(Boolean).join(' · ');
    add('body', ratings);
  });

  if (pkg.rnd_demands.length) add('heading', t('outcomes.report.rnd'));
  pkg.rnd_demands.forEach((d, i) => {
    add('subheading', `${i + 1}. ${d.title} (${t(`outcomes.status.${d.status}`)})`);
    field('outcomes.form.rnd.goal', d.development_goal);
    field('outcomes.form.rnd.background', d.background_and_need);
    field('outcomes.form.rnd.content', d.development_content);
    field('outcomes.form.rnd.trends', d.domestic_overseas_trends);
    field('outcomes.form.rnd.effects', d.ripple_effects);
    list('outcomes.form.rnd.users', d.demand_side_users);
    field('outcomes.form.rnd.site', [d.test_site.region, d.test_site.description].filter(Boolean).join(' — '));
  });

  if (pkg.vote_results.length) {
    add('heading', t('outcomes.report.votes'));
    for (const r of pkg.vote_results.slice(0, 50)) {
      add('body', t('outcomes.report.voteLine', { rank: r.rank, count: r.count, label: r.label.replace(/\s+/g, ' ').trim() || r.record_id }));
    }
  }
  return blocks;
}

export async function renderReport(pkg: OutcomePackage, fonts: readonly Uint8Array[], options: ReportOptions = {}): Promise<Uint8Array> {
  if (fonts.length === 0) throw new Error('renderReport: no font');
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(translate(options.language ?? 'ko', 'outcomes.report.title'));
  doc.setLanguage(options.language ?? 'ko');
  doc.setProducer('Madang');
  doc.setCreator('Madang');
  // No author or subject: the document's metadata says nothing about anyone.
  const faces = fonts.map((bytes) => fontkit.create(bytes as Buffer));
  const embedded = new Map<number, Promise<PDFFont>>();
  const pdfFont = (i: number) => {
    let font = embedded.get(i);
    if (!font) embedded.set(i, (font = doc.embedFont(fonts[i] as Uint8Array, { subset: true })));
    return font;
  };
  const fontIndexCache = new Map<number, number>();
  const fontIndexOf = (cp: number): number => {
    let index = fontIndexCache.get(cp);
    if (index === undefined) {
      index = faces.findIndex((f) => f.hasGlyphForCodePoint(cp));
      fontIndexCache.set(cp, index);
    }
    return index;
  };
  const missingIndex = fontIndexOf(MISSING.codePointAt(0) as number);

  /** A line as runs of one font each. */
  const runsOf = (text: string) => {
    const runs: Array<{ font: number; text: string }> = [];
    for (const char of text) {
      let font = fontIndexOf(char.codePointAt(0) as number);
      let drawn = char;
      if (font < 0) { font = missingIndex < 0 ? 0 : missingIndex; drawn = missingIndex < 0 ? '' : MISSING; }
      const last = runs.at(-1);
      if (last && last.font === font) last.text += drawn; else runs.push({ font, text: drawn });
    }
    return runs.filter((r) => r.text);
  };
  const widthOf = async (text: string, size: number) => {
    let width = 0;
    for (const run of runsOf(text)) width += (await pdfFont(run.font)).widthOfTextAtSize(run.text, size);
    return width;
  };
  /** Greedy wrap at spaces, and inside a word when it alone is too wide (Hangul breaks anywhere). */
  const wrap = async (paragraph: string, size: number, maxWidth: number) => {
    const lines: string[] = [];
    let line = '';
    for (const token of paragraph.split(/(\s+)/)) {
      if (!token) continue;
      const candidate = line + token;
      if (!line || (await widthOf(candidate, size)) <= maxWidth) { line = candidate; }
      else { lines.push(line.trimEnd()); line = token.trimStart(); }
      while ((await widthOf(line, size)) > maxWidth && [...line].length > 1) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && (await widthOf(chars.slice(0, cut).join(''), size)) > maxWidth) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  };

  const pages: PDFPage[] = [];
  let page = doc.addPage([PAGE.w, PAGE.h]);
  pages.push(page);
  let y = PAGE.h - PAGE.margin;
  const width = PAGE.w - 2 * PAGE.margin;
  const blocks = reportBlocks(pkg, options.language);
  for (const [index, block] of blocks.entries()) {
    const style = STYLE[block.style];
    y -= style.gapBefore;
    for (const paragraph of block.text.split('\n')) {
      for (const line of await wrap(paragraph, style.size, width)) {
        const lineHeight = style.size * LINE_HEIGHT;
        if (y - lineHeight < PAGE.margin) {
          page = doc.addPage([PAGE.w, PAGE.h]);
          pages.push(page);
          y = PAGE.h - PAGE.margin;
        }
        y -= lineHeight;
        let x = PAGE.margin;
        for (const run of runsOf(line)) {
          const font = await pdfFont(run.font);
          page.drawText(run.text, { x, y, size: style.size, font, color: rgb(style.color, style.color, style.color) });
          x += font.widthOfTextAtSize(run.text, style.size);
        }
      }
    }
    options.onProgress?.((index + 1) / (blocks.length + (options.frames?.length ?? 0)));
  }
  // Each frame's picture on a page of its own, under its title, scaled to fit.
  for (const [index, frame] of (options.frames ?? []).entries()) {
    page = doc.addPage([PAGE.w, PAGE.h]);
    pages.push(page);
    const title = translate(options.language ?? 'ko', 'outcomes.report.frame', { title: frame.title });
    const size = STYLE.heading.size;
    const [line = ''] = await wrap(title, size, width);
    let x = PAGE.margin;
    for (const run of runsOf(line)) {
      const font = await pdfFont(run.font);
      page.drawText(run.text, { x, y: PAGE.h - PAGE.margin - size * LINE_HEIGHT, size, font, color: rgb(0.1, 0.1, 0.1) });
      x += font.widthOfTextAtSize(run.text, size);
    }
    const image = await doc.embedPng(frame.png);
    const room = { w: width, h: PAGE.h - 2 * PAGE.margin - size * LINE_HEIGHT * 2 };
    const scale = Math.min(room.w / image.width, room.h / image.height, 1);
    page.drawImage(image, { x: PAGE.margin, y: PAGE.h - PAGE.margin - size * LINE_HEIGHT * 2 - image.height * scale, width: image.width * scale, height: image.height * scale });
    options.onProgress?.((blocks.length + index + 1) / (blocks.length + (options.frames?.length ?? 0)));
  }
  if (blocks.length === 0 && !options.frames?.length) options.onProgress?.(1);
  for (const [i, p] of pages.entries()) {
    const label = translate(options.language ?? 'ko', 'outcomes.report.page', { page: i + 1, pages: pages.length });
    const font = await pdfFont(runsOf(label)[0]?.font ?? 0);
    p.drawText(label, { x: PAGE.w / 2 - font.widthOfTextAtSize(label, 9) / 2, y: PAGE.margin / 2, size: 9, font, color: rgb(0.4, 0.4, 0.4) });
  }
  return doc.save();
}
