/**
 * Progress on stderr, so stdout stays the table or the JSON. On a terminal
 * one line rewritten in place; in a log, a line at each tenth of the way.
 */
/** Where text goes: process.stderr, or anything with write (and, on a terminal, isTTY). */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressLine {
  readonly status: (message: string) => void;
  readonly sessions: (done: number, total: number) => void;
  /** Ends the line in place, if one is open. */
  readonly done: () => void;
}

export function progressLine(stream: TextSink): ProgressLine {
  const tty = stream.isTTY === true;
  let open = false;
  let lastTenth = -1;
  const started = performance.now();
  return {
    status(message) {
      if (open) stream.write("\n");
      open = false;
      stream.write(`eval: ${message}\n`);
    },
    sessions(done, total) {
      const tenth = Math.floor((10 * done) / total);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const line = `eval: ${done}/${total} sessions (${Math.floor((100 * done) / total)}%, ${seconds} s)`;
      if (tty && (done === total || done % 25 === 0)) {
        stream.write(`\r${line}`);
        open = true;
      } else if (!tty && tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (open) stream.write("\n");
      open = false;
    },
  };
}
