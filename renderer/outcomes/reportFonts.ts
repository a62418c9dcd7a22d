// The PDF report's fonts in the app: the @font-face rules of the bundled Noto Sans KR that the
// page already loaded (BoardWorkspace imports its CSS; Vite gave each file a hashed URL), read
// from the document's style sheets; only the WOFF files the report's text needs are fetched.
import { facesForText, parseFontFaces, type FontFace } from '../../shared/outcomes/package/fontFaces';
import type { OutcomePackage } from '../../shared/outcomes/package/schema';
import type { Language } from '../../shared/i18n';

export function documentFontFaces(doc: Document = document, family = 'Noto Sans KR'): FontFace[] {
  const faces: FontFace[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet: not ours
    }
    const rules: string[] = [];
    for (const rule of Array.from(list)) {
      const text = rule.cssText;
      if (text.startsWith('@font-face') && text.includes(family) && /font-weight:\s*400/.test(text)) rules.push(text);
    }
    // A URL in a sheet is relative to that sheet (the built CSS sits in assets/, next to the fonts).
    const base = sheet.href ?? doc.baseURI;
    faces.push(...parseFontFaces(rules.join('\n')).map((face) => ({ ...face, url: new URL(face.url, base).href })));
  }
  return faces;
}

export async function loadReportFonts(pkg: OutcomePackage, language: Language, faces: readonly FontFace[] = documentFontFaces(), extraText = ''): Promise<Uint8Array[]> {
  const { reportBlocks } = await import('../../shared/outcomes/package/pdf');
  // The frame pages' titles ("보드: …") are drawn too.
  const text = `${reportBlocks(pkg, language).map((b) => b.text).join('')}${extraText}보드Board: 0123456789/ □`;
  return Promise.all(facesForText(faces, text).map(async (face) => {
    const response = await fetch(face.url);
    if (!response.ok) throw new Error(`font ${face.url}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }));
}
