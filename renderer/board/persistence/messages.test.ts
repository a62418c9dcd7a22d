import { describe, expect, it } from 'vitest';
import type { BoardFileError, BoardImportError } from '../../../shared/board';
import { ko } from '../../../shared/i18n/ko';
import { persistenceMessagesEn, persistenceMessagesKo, type PersistenceMessageKey } from '../../../shared/i18n/persistence';
import { SNAPSHOT_KINDS } from './schema';

// Every error code of shared/board/file.ts must be listed here (tsc fails otherwise) and translated.
const FILE_ERRORS: Record<BoardFileError | BoardImportError, true> = {
  'file.tooLarge': true,
  'file.notMadang': true,
  'file.damaged': true,
  'file.newerVersion': true,
  'file.otherBoard': true,
};

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('persistence messages', () => {
  it('English has exactly the Korean keys, with the same placeholders', () => {
    expect(Object.keys(persistenceMessagesEn).sort()).toEqual(Object.keys(persistenceMessagesKo).sort());
    for (const key of Object.keys(persistenceMessagesKo) as PersistenceMessageKey[]) {
      expect(placeholders(persistenceMessagesEn[key]), key).toEqual(placeholders(persistenceMessagesKo[key]));
      expect(persistenceMessagesKo[key].trim(), key).not.toBe('');
      expect(persistenceMessagesEn[key].trim(), key).not.toBe('');
    }
  });

  it('uses only its own prefixes and translates every file error and snapshot kind', () => {
    for (const key of Object.keys(persistenceMessagesKo)) expect(key).toMatch(/^(storage|history|file)\./);
    for (const code of Object.keys(FILE_ERRORS)) expect(persistenceMessagesKo).toHaveProperty([code]);
    for (const kind of SNAPSHOT_KINDS) expect(persistenceMessagesKo).toHaveProperty([`history.kind.${kind}`]);
  });

  it('merges into shared/i18n without changing an existing string', () => {
    const shared = ko as Record<string, string>;
    for (const [key, value] of Object.entries(persistenceMessagesKo)) if (key in shared) expect(shared[key], key).toBe(value);
  });
});
