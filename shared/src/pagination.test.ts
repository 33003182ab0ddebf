import { encodeCursor, MAX_PAGE_SIZE, parsePageArgs, toConnection } from './pagination';

describe('parsePageArgs', () => {
  it('defaults and accepts sizes within bounds', () => {
    expect(parsePageArgs({})).toEqual({ first: 20 });
    expect(parsePageArgs({ first: MAX_PAGE_SIZE })).toEqual({ first: MAX_PAGE_SIZE });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 2.5])('refuses first = %p naming the argument', (first) => {
    expect(() => parsePageArgs({ first })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }) }),
    );
  });

  it('round-trips its own cursors and refuses anything else', () => {
    expect(parsePageArgs({ first: 3, after: encodeCursor('A-1/2026') })).toEqual({ first: 3, afterId: 'A-1/2026' });
    for (const after of ['', 'not base64!', Buffer.from('A-1').toString('base64url'), Buffer.from('c1:').toString('base64url')]) {
      expect(() => parsePageArgs({ after })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'after' }) }));
    }
  });
});

describe('toConnection', () => {
  const records = ['a', 'b', 'c'].map((_id) => ({ _id }));
  it('uses the extra record only to report a next page', () => {
    expect(toConnection(records, { first: 2 })).toEqual({
      nodes: records.slice(0, 2),
      pageInfo: { endCursor: encodeCursor('b'), hasNextPage: true },
    });
    expect(toConnection(records, { first: 3 })).toEqual({ nodes: records, pageInfo: { endCursor: encodeCursor('c'), hasNextPage: false } });
    expect(toConnection([], { first: 3 })).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });
});
