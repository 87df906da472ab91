/**
 * An error as the client reads it, in its language, translated by its code alone (so an error a
 * subgraph raised translates the same as one of the gateway's, and the code never changes).
 * Runs after createErrorFormatter: only catalogued codes and safe extensions reach it.
 *
 * - English: the message is kept as written. Our messages are English already, and more specific
 *   than the code's sentence (which limit, which rule, which field).
 * - Chinese: the message is the code's Chinese sentence, with the names the error carries
 *   (`{agency}`, `{serviceName}`) put in; the English message it replaces is kept, whole, in
 *   `extensions.detail`, so nothing specific is lost to a developer or to support. The structured
 *   details (`argument`, `rule`, `reason` …) stay where they are.
 */
import type { GraphQLFormattedError } from 'graphql';
import { isCataloguedCode, messagesFor, type Language } from './errors';

/** Where a Chinese reply keeps the English message it replaced. */
export const DETAIL_EXTENSION = 'detail';

export function localizeError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  if (language === 'en') return error;
  const extensions = error.extensions ?? {};
  const code = extensions.code;
  // Already translated (the HTTP layer may see a reply the plugin has translated), or not ours to translate.
  if (DETAIL_EXTENSION in extensions || !isCataloguedCode(code)) return error;
  const messages = messagesFor(code);
  if (!messages) return error;
  return { ...error, message: fill(messages[language], extensions), extensions: { ...extensions, [DETAIL_EXTENSION]: error.message } };
}

export function localizeErrors(errors: readonly GraphQLFormattedError[], language: Language): GraphQLFormattedError[] {
  return errors.map((error) => localizeError(error, language));
}

/** `{name}` → the extension's value; a template names only extensions its code always carries, so none is left empty in practice. */
function fill(template: string, extensions: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = extensions[name];
    return typeof value === 'string' ? value : '';
  });
}
