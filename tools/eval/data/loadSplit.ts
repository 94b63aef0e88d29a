/**
 * The sessions an evaluation trains on and is judged on, from the files a
 * shop gives: a training and a test file, or one file split by days. With
 * `validation`, the judged sessions are carved from the end of the training
 * sessions by the same rule, so tuning never looks at the test set: as many
 * days as the test set covers.
 */
import { readFile } from "node:fs/promises";
import { parseCategoryFile } from "./readCategoryFile";
import { parseEventFile } from "./readEventFile";
import { type Session, groupSessions } from "./Session";
import { cleanSplit, splitByDays } from "./splitByDays";

export interface SplitRequest {
  readonly trainFile: string;
  readonly testFile: string | undefined;
  readonly categoriesFile: string | undefined;
  readonly testDays: number | undefined;
  readonly validation: boolean;
  /** Days of training the validation set takes; undefined: as many as the test set covers. */
  readonly validationDays: number | undefined;
  /** Keep only rows of this event type, when the file has an event column. */
  readonly event: string | undefined;
}

/** What the results file says about the split. */
export interface SplitDescription {
  readonly kind: "files" | "days";
  readonly trainFile: string;
  readonly testFile?: string;
  readonly categoriesFile?: string;
  readonly testDays?: number;
  /** Where the judged sessions come from: the test set, or a validation set carved from training. */
  readonly judged: "test" | "validation";
  readonly validationDays?: number;
  /** First day (or moment) of the judged sessions. */
  readonly cutoff: string;
  readonly trainSessions: number;
  readonly trainEvents: number;
  readonly trainItems: number;
  readonly judgedSessions: number;
  readonly judgedEvents: number;
}

export interface LoadedSplit {
  readonly train: Session[];
  readonly judged: Session[];
  readonly categories: Map<string, string>;
  readonly description: SplitDescription;
}

const DAY = 86_400;

function cutoffText(cutoff: number, calendarDays: boolean): string {
  return calendarDays
    ? new Date(cutoff * DAY * 1000).toISOString().slice(0, 10)
    : new Date(cutoff * 1000).toISOString();
}

/** How many days the ends of a set of sessions span, counted as the split counts them. */
export function daysCovered(sessions: readonly Session[], calendarDays: boolean): number {
  const ends = sessions.map((session) =>
    calendarDays ? session.endDay : session.times.reduce((a, b) => Math.max(a, b), -Infinity),
  );
  const span = ends.reduce((a, b) => Math.max(a, b), -Infinity) - ends.reduce((a, b) => Math.min(a, b), Infinity);
  return calendarDays ? span + 1 : Math.max(1, Math.ceil(span / DAY));
}

export async function loadSplit(request: SplitRequest): Promise<LoadedSplit> {
  const read = async (path: string) => parseEventFile(await readFile(path, "utf8"), request.event);
  const trainFile = await read(request.trainFile);
  const { calendarDays } = trainFile;
  let split;
  if (request.testFile !== undefined) {
    const testSessions = groupSessions((await read(request.testFile)).events);
    const start = testSessions.reduce((min, session) => Math.min(min, session.times[0] ?? min), Infinity);
    split = cleanSplit(groupSessions(trainFile.events), testSessions, calendarDays ? Math.floor(start / DAY) : start);
  } else if (request.testDays !== undefined) {
    split = splitByDays(groupSessions(trainFile.events), request.testDays, calendarDays);
  } else {
    throw new Error("give a test file, or --test-days N to split the training file by days");
  }
  const validationDays = request.validation
    ? (request.validationDays ?? request.testDays ?? daysCovered(split.test, calendarDays))
    : undefined;
  const used = validationDays === undefined ? split : splitByDays(split.train, validationDays, calendarDays);
  const categories = request.categoriesFile
    ? parseCategoryFile(await readFile(request.categoriesFile, "utf8"))
    : new Map<string, string>();
  const events = (sessions: readonly Session[]) => sessions.reduce((sum, session) => sum + session.items.length, 0);
  const description: SplitDescription = {
    kind: request.testFile === undefined ? "days" : "files",
    trainFile: request.trainFile,
    ...(request.testFile === undefined ? {} : { testFile: request.testFile }),
    ...(request.categoriesFile === undefined ? {} : { categoriesFile: request.categoriesFile }),
    ...(request.testDays === undefined ? {} : { testDays: request.testDays }),
    judged: validationDays === undefined ? "test" : "validation",
    ...(validationDays === undefined ? {} : { validationDays }),
    cutoff: cutoffText(used.cutoff, calendarDays),
    trainSessions: used.train.length,
    trainEvents: events(used.train),
    trainItems: new Set(used.train.flatMap((session) => session.items)).size,
    judgedSessions: used.test.length,
    judgedEvents: events(used.test),
  };
  return { train: used.train, judged: used.test, categories, description };
}
