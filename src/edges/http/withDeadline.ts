/** Stands for "not settled yet" in the race below. */
const PENDING: unique symbol = Symbol("pending");

/** The promise's value if it has settled already, else undefined: no waiting at all. */
export async function ifSettled<T>(promise: Promise<T>): Promise<T | undefined> {
  // A settled promise's reaction is queued before the marker's, so it wins the race.
  const now = await Promise.race([promise, Promise.resolve(PENDING)]);
  return now === PENDING ? undefined : now;
}

/**
 * Resolves to the promise's value, or to undefined once `ms` have passed.
 * A promise that has already settled costs no timer: timers are among the
 * dearer things a Worker does per request.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  // A settled promise's reaction is queued before the marker's, so it wins the race.
  const now = await Promise.race([promise, Promise.resolve(PENDING)]);
  if (now !== PENDING) return now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
