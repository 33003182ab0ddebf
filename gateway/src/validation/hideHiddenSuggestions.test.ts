import { buildSchema } from 'graphql';
import { filterSuggestions } from './hideHiddenSuggestions';

/** A caller's schema in which `Notice.redNotice` and the `RedNoticeDetails` type are hidden. */
const visible = buildSchema(`
  type Query { notice(id: ID!, kind: Kind): Notice }
  type Notice { id: ID! summary: String }
  enum Kind { RED BLUE }
`);

describe('filterSuggestions', () => {
  it('drops a hidden field from the suggestions and keeps the visible ones, in graphql-js wording', () => {
    expect(filterSuggestions('Cannot query field "redNotic" on type "Notice". Did you mean "redNotice"?', visible)).toBe(
      'Cannot query field "redNotic" on type "Notice".',
    );
    expect(filterSuggestions('Cannot query field "sumary" on type "Notice". Did you mean "summary" or "redNotice"?', visible)).toBe(
      'Cannot query field "sumary" on type "Notice". Did you mean "summary"?',
    );
    expect(filterSuggestions('Cannot query field "i" on type "Notice". Did you mean "id", "redNotice", or "summary"?', visible)).toBe(
      'Cannot query field "i" on type "Notice". Did you mean "id" or "summary"?',
    );
  });

  it('drops hidden types, and arguments or enum values of what the caller cannot see', () => {
    expect(filterSuggestions('Unknown type "RedNoticeDetail". Did you mean "RedNoticeDetails"?', visible)).toBe(
      'Unknown type "RedNoticeDetail".',
    );
    expect(
      filterSuggestions('Cannot query field "x" on type "Query". Did you mean to use an inline fragment on "RedNoticeDetails"?', visible),
    ).toBe('Cannot query field "x" on type "Query".');
    expect(filterSuggestions('Unknown argument "kin" on field "Query.notice". Did you mean "kind"?', visible)).toBe(
      'Unknown argument "kin" on field "Query.notice". Did you mean "kind"?',
    );
    expect(filterSuggestions('Unknown argument "chrg" on field "Notice.redNotice". Did you mean "charges"?', visible)).toBe(
      'Unknown argument "chrg" on field "Notice.redNotice".',
    );
    expect(filterSuggestions('Value "REDD" does not exist in "Kind" enum. Did you mean the enum value "RED"?', visible)).toBe(
      'Value "REDD" does not exist in "Kind" enum. Did you mean the enum value "RED"?',
    );
  });

  it('suggests nothing when the caller has no schema, and leaves other messages alone', () => {
    expect(filterSuggestions('Cannot query field "sumary" on type "Notice". Did you mean "summary"?', null)).toBe(
      'Cannot query field "sumary" on type "Notice".',
    );
    expect(filterSuggestions('Syntax Error: Expected Name, found "}".', visible)).toBe('Syntax Error: Expected Name, found "}".');
  });
});
