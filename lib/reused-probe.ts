/**
 * A health probe whose answer is shared by the requests that come within `reuseMs` of it, so a
 * flood of readiness requests does not become as many database pings or subgraph calls.
 */
export function reusedProbe<T>(probe: () => Promise<T>, reuseMs: number): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= reuseMs) last = { at: now, answer: probe() };
    return last.answer;
  };
}
