/** Starts the bench origin (./server.ts) in a child process and waits for its port. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface RunningOrigin {
  readonly url: string;
  readonly pid: number;
  stop(): void;
}

export function startOrigin(): Promise<RunningOrigin> {
  const server = new URL("./server.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", server], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      child.kill();
      reject(new Error(`the bench origin did not start: ${reason}`));
    };
    const timer = setTimeout(() => fail("no port within 30 s"), 30_000);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`it exited with ${code}`));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const { port } = JSON.parse(line) as { port: number };
      const pid = child.pid;
      if (pid === undefined) return fail("no pid");
      resolve({ url: `http://127.0.0.1:${port}`, pid, stop: () => child.kill("SIGTERM") });
    });
  });
}
