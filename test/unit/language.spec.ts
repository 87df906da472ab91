import { ERROR_CATALOGUE, isCataloguedCode, messagesFor } from '../../lib/errors';
import { SAFE_EXTENSIONS } from '../../lib/format-error';
import { preferredLanguage } from '../../lib/language';
import { DETAIL_EXTENSION, localizeError } from '../../lib/localize-error';

describe('preferredLanguage (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['*', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
  ])('reads %p as %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });

  it('honours q-values over the order of the ranges', () => {
    expect(preferredLanguage('zh;q=0.5, en;q=0.8')).toBe('en');
    expect(preferredLanguage('en;q=0.5, zh-Hant;q=0.9')).toBe('zh-CN');
  });

  it('gives the range listed first a tie', () => {
    expect(preferredLanguage('en, zh')).toBe('en');
    expect(preferredLanguage('zh;q=0.7, en;q=0.7')).toBe('zh-CN');
  });

  it('is Chinese when neither language is acceptable, English when it is the only one', () => {
    expect(preferredLanguage('fr-FR, de;q=0.8')).toBe('zh-CN');
    expect(preferredLanguage('fr-FR, en;q=0.3')).toBe('en');
  });

  it('takes q=0 as "not this one", and a malformed q as unacceptable rather than preferred', () => {
    expect(preferredLanguage('en;q=0')).toBe('zh-CN');
    expect(preferredLanguage('zh;q=0, en;q=0.1')).toBe('en');
    expect(preferredLanguage('en;q=high, zh;q=0.1')).toBe('zh-CN');
  });
});

describe('localizeError', () => {
  const notFound = { message: 'No applicant with this ID number is in the population register.', path: ['applicant'], extensions: { code: 'NOT_FOUND' } };

  it('keeps an English reply as written', () => {
    expect(localizeError(notFound, 'en')).toBe(notFound);
  });

  it("says the code's Chinese sentence, keeps the code, the path and the English message in extensions.detail", () => {
    expect(localizeError(notFound, 'zh-CN')).toEqual({
      message: ERROR_CATALOGUE.NOT_FOUND.messages['zh-CN'],
      path: ['applicant'],
      extensions: { code: 'NOT_FOUND', [DETAIL_EXTENSION]: notFound.message },
    });
  });

  it('puts in the names the error carries and keeps its structured details', () => {
    const down = { message: 'The tax data-sharing endpoint did not answer in time; its data is unavailable for now.', extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'tax', reason: 'TIMEOUT' } };
    expect(localizeError(down, 'zh-CN')).toEqual({
      message: 'tax 的数据共享接口暂时不可用，相关数据稍后再查。',
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'tax', reason: 'TIMEOUT', detail: down.message },
    });
  });

  it('translates once: an error already translated is left as it is', () => {
    const once = localizeError(notFound, 'zh-CN');
    expect(localizeError(once, 'zh-CN')).toBe(once);
  });

  it('never replaces a message that client libraries match (an APQ miss)', () => {
    const miss = { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } };
    expect(localizeError(miss, 'zh-CN')).toBe(miss);
  });
});

describe('the catalogue messages', () => {
  const codes = Object.keys(ERROR_CATALOGUE).filter(isCataloguedCode);

  it('give every code a Chinese and an English sentence, except the two whose message clients match', () => {
    const without = codes.filter((code) => messagesFor(code) === null);
    expect(without).toEqual(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);
    for (const code of codes) {
      const messages = messagesFor(code);
      if (!messages) continue;
      expect({ code, chinese: /\p{Script=Han}/u.test(messages['zh-CN']) }).toEqual({ code, chinese: true });
      expect({ code, english: /^[\x20-\x7e]+$/.test(messages.en) }).toEqual({ code, english: true });
    }
  });

  it('name in their templates only extensions a client may see, the same ones in both languages', () => {
    for (const code of codes) {
      const messages = messagesFor(code);
      if (!messages) continue;
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect({ code, names: names(messages['zh-CN']) }).toEqual({ code, names: names(messages.en) });
      for (const name of names(messages.en)) expect({ code, name, safe: SAFE_EXTENSIONS.has(name ?? '') }).toEqual({ code, name, safe: true });
    }
  });
});
