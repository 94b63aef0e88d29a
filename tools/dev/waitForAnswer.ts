/** Polls a URL until anything answers: workerd is up and routing to the Worker. */
export async function waitForAnswer(url: string, deadline: number, signal: AbortSignal): Promise<void> {
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
      await response.body?.cancel();
      return;
    } catch {
      signal.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer in time`);
}
