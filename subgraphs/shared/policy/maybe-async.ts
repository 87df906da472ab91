/**
 * Values that are at hand or on their way. A rule, a consent or a release is decided in the same
 * turn as its field when everything it needs is already read (the case, its consents), and waits
 * only when something is not: fifty people's fields then cost no promise each.
 */
export type MaybeAsync<T> = T | Promise<T>;

export const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** `next(value)` now when the value is at hand, else once it arrives. */
export function andThen<T, R>(value: MaybeAsync<T>, next: (value: T) => MaybeAsync<R>): MaybeAsync<R> {
  return isPromise(value) ? (value as Promise<T>).then(next) : next(value as T);
}

