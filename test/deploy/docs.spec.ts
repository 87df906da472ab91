import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE } from '../../lib/errors';
import { REPO_ROOT } from '../../schema/subgraphs';

describe('docs/errors.md', () => {
  const rows = fs
    .readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8')
    .split('\n')
    .map((line) => /^\| `([A-Z_]+)` \| (\d+) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null);

  it('lists every code of the catalogue with its HTTP status, and no other', () => {
    const documented = Object.fromEntries(rows.map((match) => [match[1], Number(match[2])]));
    const catalogued = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.httpStatus]));
    expect(documented).toEqual(catalogued);
  });

  it("gives every code's Chinese and English sentence as the catalogue does, and says which keep their message", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
    const section = text.slice(text.indexOf('## Messages in Chinese and English'));
    const documented = Object.fromEntries(
      section
        .split('\n')
        .map((line) => /^\| `([A-Z_]+)` \| (.+) \| (.+) \|$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map(([, code, chinese, english]) => [code, chinese === KEPT && english === KEPT ? null : { 'zh-CN': chinese, en: english }]),
    );
    expect(documented).toEqual(Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.messages])));
  });
});

/** How the messages table shows a code whose message is never replaced. */
const KEPT = '— (kept as sent)';
