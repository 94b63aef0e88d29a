/**
 * Ports for the local stack: a free one when the caller does not mind which,
 * and a check that a chosen one is free, so a second `npm start` says so
 * instead of wrangler failing halfway.
 */
import { createServer } from "node:net";
import { EnvironmentError } from "../cli/CliError";

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return listenOnce(0);
}

/** Refuses a port that something already listens on. */
export async function ensureFree(port: number): Promise<void> {
  try {
    await listenOnce(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new EnvironmentError(`port ${port} is already in use (another npm start, or a stack left running?)`);
  }
}
