import { describe, expect, it } from "vitest";
import { describeFinding, findRevealingCopy } from "../../src/core/ruleset/copyGuard";

describe("findRevealingCopy: copy that tells where a suggestion came from", () => {
  it.each([
    // English
    ["Because you viewed", "because you viewed"],
    ["Because you've viewed these", "because you've viewed"],
    ["Because you have bought this", "because you have bought"],
    ["Because you’ve looked at shoes", "because you've looked"],
    ["Since you liked our teas", "since you liked"],
    ["Picks based on your history", "based on your"],
    ["Based on your recent orders", "based on your"],
    ["Recently viewed", "recently viewed"],
    ["Your recently viewed items", "recently viewed"],
    ["Previously viewed", "previously viewed"],
    ["Last viewed", "last viewed"],
    ["Items you viewed", "you viewed"],
    ["Things you just looked at", "you just looked at"],
    ["We noticed you like tea", "we noticed"],
    ["We know what you love", "we know"],
    ["From your browsing", "your browsing"],
    ["More from your past orders", "your past"],
    ["Inspired by your taste", "inspired by your"],
    // Italian
    ["Perché hai visto", "perche hai visto"],
    ["Perche avete acquistato", "perche avete acquistato"],
    ["Dato che hai scelto il tè", "dato che hai"],
    ["In base ai tuoi acquisti", "in base ai tuoi"],
    ["In base alle tue ricerche", "in base alle tue"],
    ["Visti di recente", "visti di recente"],
    ["Prodotti visti recentemente", "visti recentemente"],
    ["Hai appena visto", "hai appena visto"],
    ["Hai comprato questo", "hai comprato"],
    ["Abbiamo notato che ami il caffè", "abbiamo notato"],
    ["Abbiamo visto che", "abbiamo visto"],
    ["La tua cronologia", "tua cronologia"],
    ["Dalla tua cronologia", "tua cronologia"],
    ["Dai tuoi acquisti", "tuoi acquisti"],
    ["Nelle tue ricerche", "tue ricerche"],
    ["Scelti per i tuoi acquisti", "tuoi acquisti"],
    ["Ispirati ai tuoi gusti", "ispirati ai tuoi"],
    // Case, accents, spacing, markup
    ["BECAUSE YOU VIEWED", "because you viewed"],
    ["PERCHÉ HAI VISTO", "perche hai visto"],
    ["Perche\u0301 hai visto", "perche hai visto"],
    ["  Recently     viewed  ", "recently viewed"],
    ["Recently\u00a0viewed", "recently viewed"],
    ["Recently\n\tviewed", "recently viewed"],
    ["<em>Recently</em> viewed", "recently viewed"],
    ["<strong>Visti</strong><br>di recente", "visti di recente"],
    ['<span class="x">In base</span> ai <b>tuoi</b> acquisti', "in base ai tuoi"],
    ["ABBIAMO   NOTATO", "abbiamo notato"],
    // Character references, as template text may hold them
    ["Recently&nbsp;viewed", "recently viewed"],
    ["Visti&#160;di&#xA0;recente", "visti di recente"],
    ["Perch&eacute; hai visto", "perche hai visto"],
    ["Perch&#233; hai visto", "perche hai visto"],
    ["Because you&#39;ve viewed", "because you've viewed"],
    ["Because you&rsquo;ve viewed", "because you've viewed"],
    ["<h3>Visti&nbsp;di recente</h3>", "visti di recente"],
  ])("refuses %j", (text, phrase) => {
    for (const allowPersonal of [false, true]) {
      expect(findRevealingCopy(text, allowPersonal)).toEqual({ phrase, kind: "reveals-source" });
    }
  });
});

describe("findRevealingCopy: harmless copy", () => {
  it.each([
    "Si abbina bene con",
    "Goes well with",
    "Da scoprire",
    "You might also like",
    "Potrebbe piacerti anche",
    "Completa il look",
    "Novità della settimana",
    "I più amati",
    "Best sellers",
    "Trending now",
    "Our favourites this season",
    "Perfetti per l'estate",
    "New in: <em>summer</em> picks",
    "Ti presentiamo",
    "Discover more",
    "Abbinamenti consigliati",
    "Tè &amp; tisane",
    "Caff&egrave; e dintorni",
    "Prezzi &lt; 20&nbsp;&euro;",
    "&#x110000; stays as it is",
    "",
  ])("lets %j through", (text) => {
    expect(findRevealingCopy(text, false)).toBeUndefined();
    expect(findRevealingCopy(text, true)).toBeUndefined();
  });
});

describe("findRevealingCopy: personal copy", () => {
  it.each([
    ["Il solito?", "il solito"],
    ["The usual?", "the usual"],
    ["Bentornata", "bentornata"],
    ["Bentornato!", "bentornato"],
    ["Bentornati", "bentornati"],
    ["Welcome back", "welcome back"],
    ["As always, for you", "as always"],
    ["Come sempre", "come sempre"],
    ["IL   SOLITO?", "il solito"],
    ["<b>Bentornata</b>, Giulia", "bentornata"],
  ])("refuses %j unless personal copy is allowed", (text, phrase) => {
    expect(findRevealingCopy(text, false)).toEqual({ phrase, kind: "personal" });
    expect(findRevealingCopy(text, true)).toBeUndefined();
  });

  it("still refuses copy that reveals the source when personal copy is allowed", () => {
    expect(findRevealingCopy("Il solito? Perché hai visto questi", true)).toEqual({
      phrase: "perche hai visto",
      kind: "reveals-source",
    });
  });

  it("names the source-revealing finding before the personal one", () => {
    expect(findRevealingCopy("Welcome back! Recently viewed", false)?.kind).toBe("reveals-source");
  });
});

describe("findRevealingCopy: birthday wishes", () => {
  it.each([
    ["Happy birthday!", "happy birthday"],
    ["Happy B-day, Anna", "happy b-day"],
    ["Many happy returns", "many happy returns"],
    ["Birthday wishes from the shop", "birthday wishes"],
    ["A treat for your birthday", "your birthday"],
    ["Buon compleanno!", "buon compleanno"],
    ["Felice compleanno", "felice compleanno"],
    ["Tanti auguri!", "auguri"],
    ["Auguroni da tutti noi", "auguroni"],
    ["Per il tuo compleanno", "tuo compleanno"],
    ["<b>Buon&nbsp;compleanno</b>", "buon compleanno"],
  ])("refuses %j unless both personal and birthday copy are allowed", (text, phrase) => {
    expect(findRevealingCopy(text, false)).toEqual({ phrase, kind: "birthday" });
    expect(findRevealingCopy(text, true)).toEqual({ phrase, kind: "birthday" });
    expect(findRevealingCopy(text, false, true)).toEqual({ phrase, kind: "birthday" });
    expect(findRevealingCopy(text, true, true)).toBeUndefined();
  });

  it.each(["Idee regalo per un compleanno", "Birthday cards and candles", "Augusta collection"])(
    "lets shop copy about birthdays in general through: %j",
    (text) => {
      expect(findRevealingCopy(text, false)).toBeUndefined();
    },
  );

  it("still refuses copy that reveals the source in a birthday rule", () => {
    expect(findRevealingCopy("Buon compleanno! Perché hai visto questi", true, true)?.kind).toBe("reveals-source");
  });
});

describe("describeFinding", () => {
  it.each([
    [
      { phrase: "recently viewed", kind: "reveals-source" as const },
      "tells the shopper where the suggestion came from",
    ],
    [{ phrase: "il solito", kind: "personal" as const }, 'only a rule with audience "established"'],
    [{ phrase: "buon compleanno", kind: "birthday" as const }, "personas that all require the birthday fact"],
  ])("describes %j", (finding, words) => {
    const message = describeFinding(finding);
    expect(message).toContain(`"${finding.phrase}"`);
    expect(message).toContain(words);
  });
});

describe("findRevealingCopy: shop headings for recent views", () => {
  it.each(["Ultimi prodotti visti", "Ultimi articoli guardati", "Gli ultimi visti"])("refuses %j", (text) => {
    expect(findRevealingCopy(text, true)?.kind).toBe("reveals-source");
  });
});
