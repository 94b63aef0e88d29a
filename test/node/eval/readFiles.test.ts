/**
 * The file readers: separators, header names as real exports spell them,
 * times in seconds, milliseconds, ISO text or an offset plus a date.
 */
import { describe, expect, it } from "vitest";
import { parseCategoryFile } from "../../../tools/eval/data/readCategoryFile";
import { epochSeconds, parseEventFile } from "../../../tools/eval/data/readEventFile";
import { detectSeparator } from "../../../tools/eval/data/parseTable";
import { groupSessions } from "../../../tools/eval/data/Session";

const DAY = 86_400;

describe("detectSeparator", () => {
  it("prefers a tab, then a semicolon, then a comma", () => {
    expect(detectSeparator("SessionId\tItemId\tTime")).toBe("\t");
    expect(detectSeparator("session_id;user_id;item_id")).toBe(";");
    expect(detectSeparator("session,item,time")).toBe(",");
    expect(detectSeparator("a;b\tc")).toBe("\t");
  });
});

describe("parseEventFile", () => {
  it("reads the session-rec TSV: SessionId, ItemId, Time in epoch seconds", () => {
    const file = parseEventFile(
      "SessionId\tItemId\tTime\n1\t214536502\t1396860669.277\n1\t214536506\t1396860886.998\n",
    );
    expect(file.calendarDays).toBe(false);
    expect(file.events).toEqual([
      { session: "1", item: "214536502", order: 1396860669.277, time: 1396860669.277, day: 16167 },
      { session: "1", item: "214536506", order: 1396860886.998, time: 1396860886.998, day: 16167 },
    ]);
  });

  it("reads the DIGINETICA export: ';', timeframe (ms into the session) and eventdate", () => {
    const text =
      "session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;526309;2016-05-09\n1;NA;31331;75848;2016-05-09\n";
    const file = parseEventFile(text);
    const day = Date.UTC(2016, 4, 9) / 1000 / DAY;
    expect(file.calendarDays).toBe(true);
    expect(file.events[0]).toEqual({ session: "1", item: "81766", order: 526.309, time: day * DAY + 526.309, day });
    // Ordered by timeframe, not by line.
    expect(groupSessions(file.events)[0]?.items).toEqual(["31331", "81766"]);
  });

  it("reads commas, names in any case, ISO times, and keeps one event type", () => {
    const text =
      "Session_ID,Product,Timestamp,Event_Type\n" +
      "s1,p1,2024-01-02T10:00:00Z,view\ns1,p2,2024-01-02T10:01:00Z,purchase\ns1,p3,2024-01-02T10:02:00Z,view\n";
    const file = parseEventFile(text, "view");
    expect(file.events.map((event) => event.item)).toEqual(["p1", "p3"]);
    expect(file.events[0]?.time).toBe(Date.UTC(2024, 0, 2, 10) / 1000);
    expect(file.skipped).toBe(1);
    expect(parseEventFile(text).events).toHaveLength(3);
  });

  it("takes epoch milliseconds for what they are, and skips rows it cannot read", () => {
    expect(epochSeconds("1700000000000")).toBe(1_700_000_000);
    expect(epochSeconds("1700000000")).toBe(1_700_000_000);
    expect(epochSeconds("2016-05-09")).toBe(Date.UTC(2016, 4, 9) / 1000);
    const file = parseEventFile("session,item,time\ns1,p1,1700000000\ns1,,1700000001\ns1,p2,soon\n");
    expect(file.events).toHaveLength(1);
    expect(file.skipped).toBe(2);
  });

  it("says which columns it needs", () => {
    expect(() => parseEventFile("session,time\n1,2\n")).toThrow(/session and an item/);
    expect(() => parseEventFile("session,item\n1,2\n")).toThrow(/time, timeframe or date/);
    expect(() => parseEventFile("session,item,timeframe\n1,2,3\n")).toThrow(/needs a date/);
  });
});

describe("parseCategoryFile", () => {
  it("reads itemId;categoryId and item,category, the first category of an item winning", () => {
    expect(parseCategoryFile("itemId;categoryId\n139578;1096\n417975;1096\n139578;7\n")).toEqual(
      new Map([
        ["139578", "1096"],
        ["417975", "1096"],
      ]),
    );
    expect(parseCategoryFile("item,category\np1,garden\n")).toEqual(new Map([["p1", "garden"]]));
    expect(() => parseCategoryFile("a,b\n1,2\n")).toThrow(/item and a category/);
  });
});
