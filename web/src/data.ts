/** Loading an operation's answer into a page, and the formats every page shows values in. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { request, type Answer, type Caller } from './api';

export interface Loaded<Data> {
  answer: Answer<Data> | null;
  failure: string | null;
  reload(): void;
}

/** Runs the operation now and whenever its variables change; again every `pollMs` while `poll` says so. */
export function useOperation<Data, Variables extends Record<string, unknown>>(
  graphqlPath: string,
  caller: Caller,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: { pollMs?: number; poll?: (data: Data | null) => boolean } = {},
): Loaded<Data> {
  const [answer, setAnswer] = useState<Answer<Data> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    request(graphqlPath, caller, document, JSON.parse(key) as Variables).then(
      (next) => {
        if (!live) return;
        // A refused read keeps what was shown (its errors beside it); the next one replaces it.
        setAnswer((previous) => (next.data === null && previous?.data ? { ...previous, errors: next.errors } : next));
        setFailure(null);
        const { pollMs, poll } = latest.current;
        // Refused (over a limit, a moment's outage): asked again, later.
        const refused = next.errors.some((error) => !error.path);
        if (pollMs && poll?.(next.data)) timer = setTimeout(() => setRound((r) => r + 1), refused ? pollMs * 3 : pollMs);
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(error instanceof Error ? error.message : String(error));
        const { pollMs } = latest.current;
        if (pollMs) timer = setTimeout(() => setRound((r) => r + 1), pollMs * 3);
      },
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [graphqlPath, caller, document, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { answer, failure, reload };
}

/**
 * What a page does on a click: busy while it runs, its failure shown as the page's problem (never
 * dropped), and `after` (reading the page again) once it is over, whatever the outcome.
 */
export function useAction(after: () => void): { busy: boolean; problems: string[]; act(work: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblems([]);
    try {
      await work();
    } catch (error) {
      setProblems([error instanceof Error ? error.message : String(error)]);
    } finally {
      setBusy(false);
      after();
    }
  };
  return { busy, problems, act };
}

/** "600000.00" → "600,000.00": Money stays text, never a float. */
export function money(amount: string | null | undefined): string {
  if (!amount) return '—';
  const [whole = '0', fraction = '00'] = amount.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

export function instant(value: string | null | undefined, language: 'zh' | 'en'): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** An amount the person typed, as Money text ("600000" → "600000.00"), or null when it is not one. */
export function moneyInput(text: string): string | null {
  const trimmed = text.replace(/[,\s¥]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}
