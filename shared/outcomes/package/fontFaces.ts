// The bundled Korean font (@fontsource/noto-sans-kr) comes as ~125 files, each covering part of
// Unicode, as its CSS declares. The PDF report embeds only the files its text needs: this reads the
// @font-face rules and picks them. Pure, so the renderer and Node scripts share it.

export interface FontFace {
  /** The WOFF file's URL as `src` names it (fontkit reads WOFF without a Brotli pass). */
  url: string;
  ranges: Array<[number, number]>;
}

export function parseFontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    // As written by @fontsource (`url(./files/x.woff) format('woff')`) or as a browser serialises a
    // bundled rule (`url("/assets/x-hash.woff") format("woff")`).
    const url = /url\(["']?([^)"']+?\.woff)["']?\)\s*format\(["']?woff["']?\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    if (!url || !range) continue;
    const ranges = range.split(',').map((part): [number, number] => {
      const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-') as [string, string?];
      return [parseInt(from, 16), parseInt(to, 16)];
    });
    faces.push({ url, ranges });
  }
  return faces;
}

/** The files whose ranges cover the text's characters, in the CSS's order; characters no file covers are left out. */
export function facesForText(faces: readonly FontFace[], text: string): FontFace[] {
  const needed = new Set<FontFace>();
  const seen = new Set<number>();
  for (const char of text) {
    const cp = char.codePointAt(0) as number;
    if (seen.has(cp)) continue;
    seen.add(cp);
    const face = faces.find((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));
    if (face) needed.add(face);
  }
  return faces.filter((f) => needed.has(f));
}
