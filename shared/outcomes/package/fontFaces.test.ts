import { describe, expect, it } from 'vitest';
import { facesForText, parseFontFaces } from './fontFaces';

const CSS = `
@font-face {
  font-family: 'Noto Sans KR';
  src: url(./files/noto-sans-kr-0-400-normal.woff2) format('woff2'), url(./files/noto-sans-kr-0-400-normal.woff) format('woff');
  unicode-range: U+ac00-ac10,U+b098;
}
@font-face { font-family: "Noto Sans KR"; src: url("/assets/noto-sans-kr-119-400-normal-Ab12.woff2") format("woff2"), url("/assets/noto-sans-kr-119-400-normal-Cd34.woff") format("woff"); unicode-range: U+0000-00FF, U+2013 }
`;

describe('font faces of the bundled Korean font', () => {
  it('reads the WOFF file and ranges of each rule, as written and as a browser serialises a bundled one', () => {
    expect(parseFontFaces(CSS)).toEqual([
      { url: './files/noto-sans-kr-0-400-normal.woff', ranges: [[0xac00, 0xac10], [0xb098, 0xb098]] },
      { url: '/assets/noto-sans-kr-119-400-normal-Cd34.woff', ranges: [[0, 0xff], [0x2013, 0x2013]] },
    ]);
  });

  it('picks only the files the text needs', () => {
    const faces = parseFontFaces(CSS);
    expect(facesForText(faces, 'abc').map((f) => f.url)).toEqual(['/assets/noto-sans-kr-119-400-normal-Cd34.woff']);
    expect(facesForText(faces, '가 나 😷').map((f) => f.url)).toEqual(['./files/noto-sans-kr-0-400-normal.woff', '/assets/noto-sans-kr-119-400-normal-Cd34.woff']);
  });
});
