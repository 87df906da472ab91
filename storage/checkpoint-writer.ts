/**
 * The processes that append access records sign the chain's head into the checkpoint directory
 * at an interval (ACCESS_RECORD_CHECKPOINT_INTERVAL_S): once when they start, then each interval
 * in which the head moved, and once more when they stop. Off the request path entirely: a timer,
 * one small query per tick, and a line appended only when the head moved (a head another
 * process already signed is not signed again). A tick never overlaps the previous one, and the
 * timer does not keep a process alive.
 */
export interface CheckpointWriter {
  /** Resolves once the first checkpoint (the one at start) is written or has failed. */
  readonly started: Promise<void>;
  /** Stops the timer and writes a last checkpoint. */
  stop(): Promise<void>;
}

export function startCheckpointWriter(
  checkpoint: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): CheckpointWriter {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = (): Promise<void> => {
    running ??= checkpoint()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  timer.unref();
  const started = tick();
  return {
    started,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await running;
      await tick();
    },
  };
}
