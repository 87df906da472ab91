/**
 * Which language a reply's error messages are in, from the request's Accept-Language (RFC 9110
 * §12.5.4): the supported language with the highest q-value wins, an earlier range winning a tie.
 * Chinese is the default — without the header, for `*`, and when neither language is acceptable —
 * because the service is for Fujian's citizens; English is given only when asked for.
 */
import type { Language } from './errors';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** The primary subtag of a language range → our language; `zh-TW`, `zh-Hant` are still Chinese, the only Chinese we write. */
const BY_PRIMARY_TAG: Readonly<Record<string, Language>> = { zh: 'zh-CN', en: 'en' };

/** Longer headers are not read past this: no browser sends one, and it bounds the work a client can ask for. */
const MAX_HEADER_LENGTH = 512;

export function preferredLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  let best: { language: Language; q: number } | null = null;
  for (const range of acceptLanguage.slice(0, MAX_HEADER_LENGTH).split(',')) {
    const [tag = '', ...parameters] = range.split(';').map((part) => part.trim());
    const language = BY_PRIMARY_TAG[tag.toLowerCase().split('-')[0] ?? ''];
    if (!language) continue;
    const q = qualityOf(parameters);
    // Strictly greater: on a tie the range listed first keeps its place.
    if (q > 0 && (best === null || q > best.q)) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** The q parameter (1 when absent); a malformed one makes the range unacceptable (0) rather than preferred. */
function qualityOf(parameters: readonly string[]): number {
  const given = parameters.find((parameter) => /^q\s*=/i.test(parameter));
  if (given === undefined) return 1;
  const value = given.replace(/^q\s*=\s*/i, '');
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
}
