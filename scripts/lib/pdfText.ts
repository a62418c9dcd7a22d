// Text of a PDF as a reader extracts it: each page's content streams, glyph ids mapped back to
// characters through each font's ToUnicode CMap (tests of the report; no PDF text library here).
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream, type PDFRef } from 'pdf-lib';

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : inflateSync((stream as PDFRawStream).contents);
  return Buffer.from(bytes).toString('latin1');
}

/** glyph id (hex) → text, from a font's ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16))).replace(/[\uD800-\uDFFF]{2}/g, (s) => s);
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of (body as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set((from as string).toUpperCase(), hex(to as string));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, a, b, to] of (body as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let g = parseInt(a as string, 16), u = parseInt(to as string, 16); g <= parseInt(b as string, 16); g++, u++) {
        map.set(g.toString(16).toUpperCase().padStart((a as string).length, '0'), String.fromCodePoint(u));
      }
    }
  }
  return map;
}

export async function extractText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref as PDFRef, PDFDict);
      const cmap = font.lookup(PDFName.of('ToUnicode'));
      if (cmap instanceof PDFStream) maps.set(name.asString(), toUnicode(streamText(cmap)));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r) as PDFStream) : [contents as PDFStream];
    let current = new Map<string, string>();
    for (const stream of streams) {
      for (const [, font, hex] of streamText(stream).matchAll(/(?:(\/\S+)\s+[\d.]+\s+Tf)|<([0-9A-Fa-f]+)>\s*Tj/g)) {
        if (font) current = maps.get(font) ?? new Map();
        else lines.push((hex?.match(/.{4}/g) ?? []).map((g) => current.get(g.toUpperCase()) ?? '\uFFFD').join(''));
      }
    }
  }
  return lines.join('');
}
