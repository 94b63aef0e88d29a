/**
 * Decodes the character references in an attribute value as a browser would,
 * or refuses to. The table is kept tiny so that it is surely right: numeric
 * references and &amp; &lt; &gt; &quot; &apos;, each ended by ";". Anything
 * else a browser might read as a reference ("&colon;", "&#106" without ";",
 * "&Tab;") gives undefined: the value is refused rather than guessed at.
 * Numbers a browser maps elsewhere (0, C1 controls, surrogates) decode to
 * characters no URL check lets through.
 */

const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeReferences(value: string): string | undefined {
  let unknown = false;
  const decoded = value.replace(
    /&(?:#(x[\da-f]{1,6}|\d{1,7});|(amp|lt|gt|quot|apos);|(?=[\w#]))/gi,
    (whole, number?: string, name?: string) => {
      const point =
        number === undefined
          ? -1
          : number[0] === "x" || number[0] === "X"
            ? parseInt(number.slice(1), 16)
            : Number(number);
      if (point >= 0 && point <= 0x10ffff) return String.fromCodePoint(point);
      const named = name === undefined ? undefined : NAMED[name];
      if (named === undefined) unknown = true;
      return named ?? whole;
    },
  );
  return unknown ? undefined : decoded;
}
