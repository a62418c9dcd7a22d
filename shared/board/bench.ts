// Deterministic boards for the benchmark and e2e: same n and seed, same notes, ids and layout.
import type * as Y from 'yjs';
import { Board } from './board';
import { createNotes, type NoteInput } from './commands';
import { NOTE_COLOR_NAMES, NOTE_SIZE } from './types';

const SUBJECTS = ['골목길', '버스 정류장', '놀이터', '시장 입구', '횡단보도', '공원 벤치', '주차장', '복지관', '도서관 앞', '하천 산책로'];
const ISSUES = ['밤에 너무 어두워요', '보행로가 좁아요', '쓰레기가 쌓여요', '안내판이 없어요', '차가 너무 빨라요', '쉴 곳이 부족해요', '소음이 심해요', '경사가 가팔라요'];
const IDEAS = ['조명을 더 달면 좋겠어요', '주민이 함께 관리해요', '어르신 의견을 들어봐요', '아이들 동선을 살펴봐요', '안전지도를 만들어요', '임시로 시범 운영해 봐요'];

/** Small seeded PRNG (mulberry32): the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeBoardOfNotes(doc: Y.Doc, n: number, seed: number): Board {
  const board = Board.create(doc, { boardId: `bench-${seed}`, title: `벤치마크 ${n}` });
  createNotes(board, benchNoteInputs(n, seed));
  return board;
}

/** The notes of makeBoardOfNotes as plain inputs (for `window.madang.addNotes` too). */
export function benchNoteInputs(n: number, seed: number): NoteInput[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
  const gap = 20;
  const items: NoteInput[] = [];
  for (let i = 0; i < n; i++) {
    items.push({
      id: `bench-${seed}-${i}`,
      text: `${pick(SUBJECTS)}: ${pick(ISSUES)}. ${pick(IDEAS)}`,
      x: (i % cols) * (NOTE_SIZE.w + gap),
      y: Math.floor(i / cols) * (NOTE_SIZE.h + gap),
      color: pick(NOTE_COLOR_NAMES),
      author: `참가자 ${1 + Math.floor(random() * 40)}`,
    });
  }
  return items;
}
