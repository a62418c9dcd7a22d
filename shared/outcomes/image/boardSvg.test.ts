// The board picture: what a reader of an export sees, and that nothing in it is markup or a name.
import { Window } from 'happy-dom';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board, createNotes, groupNotes } from '../../board';
import { addTemplate, addToZone } from '../../workshop';
import { boardSvg, escapeXml, wrapText } from './boardSvg';

function board() {
  const b = Board.create(new Y.Doc(), { boardId: 'b1', title: '워크숍' });
  b.author = '김민수';
  return b;
}

// A DOM parser (happy-dom's, as the renderer tests use) reads the picture as a viewer would.
const parse = (svg: string) => new new Window().DOMParser().parseFromString(svg, 'image/svg+xml');

describe('boardSvg', () => {
  it('draws notes, cluster labels and frame titles, and never an author', () => {
    const b = board();
    const [a, c] = createNotes(b, [{ text: '밤길이 어두워요', x: 0, y: 0, author: '김민수' }, { text: '가로등 고장', x: 200, y: 0, author: '이서연' }]) as string[];
    groupNotes(b, [a!, c!], '어두운 골목');
    const frame = addTemplate(b, 'problemTree', { x: 800, y: 0 }, '문제 나무')!;
    addToZone(b, frame, 'causes', { text: '예산 부족', author: '김민수' });
    const picture = boardSvg(b.all())!;
    const doc = parse(picture.svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['밤길이 어두워요', '가로등 고장', '어두운 골목', '문제 나무', '예산 부족']));
    expect(picture.svg).not.toContain('김민수');
    expect(picture.svg).not.toContain('이서연');
    expect(picture.width).toBeGreaterThan(800);
  });

  it('escapes what people typed: a note cannot add markup, scripts or links to the picture', () => {
    const b = board();
    createNotes(b, [{ text: '<script>alert(1)</script> & "quote" <a href="x">', x: 0, y: 0, author: 'x' }]);
    groupNotes(b, [b.notes()[0]!.id], '</text><image href="http://evil.example/x.png"/>');
    const { svg } = boardSvg(b.all())!;
    const doc = parse(svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('script, a, image, foreignObject')).toHaveLength(0);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent).join('')).toContain('<script>alert(1)</script>');
    expect(escapeXml('a\u0000b\u0008c')).toBe('abc');
  });

  it('draws one frame and what lies in it, or nothing for a frame that is not there', () => {
    const b = board();
    createNotes(b, [{ text: '바깥 메모', x: -2000, y: -2000, author: 'x' }]);
    const frame = addTemplate(b, 'problemTree', { x: 0, y: 0 }, '문제 나무')!;
    addToZone(b, frame, 'causes', { text: '예산 부족', author: '김민수' });
    const { svg } = boardSvg(b.all(), { frameId: frame })!;
    expect(svg).toContain('예산 부족');
    expect(svg).not.toContain('바깥 메모');
    expect(boardSvg(b.all(), { frameId: 'no-such-frame' })).toBeNull();
    expect(boardSvg([])).toBeNull();
  });

  it('draws only the words an export profile keeps: a note left out of the package is an empty box', () => {
    const b = board();
    const [kept, left] = createNotes(b, [{ text: '공개해도 되는 글', x: 0, y: 0, author: 'a' }, { text: '동의 없는 글', x: 200, y: 0, author: 'b' }]) as string[];
    const { svg } = boardSvg(b.all(), { noteText: new Map([[kept!, '공개해도 되는 글']]) })!;
    expect(svg).toContain('공개해도 되는 글');
    expect(svg).not.toContain('동의 없는 글');
    expect(left).toBeTruthy();
  });

  it('wraps long text to the note and marks what was cut', () => {
    const lines = wrapText('가나다라마바사아자차카타파하', 8, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(wrapText('short', 20, 3)).toEqual(['short']);
  });
});
