import { describe, expect, it } from 'vitest';
import { createSession } from './session';

describe('createSession', () => {
  it('trims the title and makes the creator the facilitator', () => {
    const s = createSession('  골목 안전  ', 1000, 'abc');
    expect(s).toEqual({ id: 'abc', title: '골목 안전', role: 'facilitator', createdAt: 1000, updatedAt: 1000 });
  });
  it('refuses an empty title', () => {
    expect(createSession('   ', 1)).toBeNull();
  });
  it('makes ids the host accepts', () => {
    expect(createSession('x', 1)!.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
