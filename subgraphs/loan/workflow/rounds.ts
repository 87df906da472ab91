/**
 * Work taken in rounds, one round at a time, as the loan worker and the notice dispatcher both do: a
 * round takes what is due and runs it; a round that found work, or a wake-up that came during it,
 * runs the next at once; an idle one waits for the poll. A failed round is reported and the loop
 * goes on: what was due is still due.
 */
export interface Rounds {
  /** Whether the loop still runs (false once stop was called). */
  readonly running: boolean;
  stop(): Promise<void>;
}

export function startRounds(options: {
  /** One round: takes what is due, runs it, says how much it took. */
  round(): Promise<number>;
  pollMs: number;
  /** Subscribes to "work is due" and returns the unsubscribe (the store's onWorkDue). */
  wakeUps(wake: () => void): () => void;
  onRoundFailed(error: unknown): void;
}): Rounds {
  let running = true;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let wokenDuringRound = false;

  const schedule = (): void => {
    if (!running) return;
    if (current) {
      wokenDuringRound = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    wokenDuringRound = false;
    current = options
      .round()
      .catch((error: unknown) => {
        options.onRoundFailed(error);
        return 0;
      })
      .then((taken) => {
        current = null;
        if (!running) return;
        if (taken > 0 || wokenDuringRound) schedule();
        else timer = setTimeout(schedule, options.pollMs);
      });
  };
  const stopListening = options.wakeUps(schedule);
  schedule();

  return {
    get running() {
      return running;
    },
    async stop() {
      running = false;
      stopListening();
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
