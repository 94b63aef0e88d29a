/** The words on tact's own pages, in Italian and English. */

export type Language = "it" | "en";

export function languageOf(code: string): Language {
  return code === "it" ? "it" : "en";
}

const it = {
  prefsTitle: "Le tue preferenze",
  prefsIntro:
    "Dicci cosa ti interessa e cosa preferisci non vedere: i suggerimenti del negozio ne terranno conto da subito. Puoi cambiare idea quando vuoi.",
  more: "Mi interessa",
  neutral: "Indifferente",
  less: "Preferisco di no",
  save: "Salva le preferenze",
  saved: "Preferenze salvate.",
  noCategories: "Al momento non ci sono categorie da scegliere.",
  optedOutTitle: "Ci hai chiesto di dimenticarti",
  optedOutText:
    "Non raccogliamo nulla su di te e non ti mostriamo suggerimenti personali. Se vuoi ricominciare, partirai da un profilo nuovo, senza legami con quello cancellato.",
  optIn: "Ricomincia da capo",
  blockedGpc:
    "Il tuo browser chiede di non essere tracciato (Global Privacy Control): lo rispettiamo, quindi qui non salviamo preferenze né altro.",
  blockedDnt:
    "Il tuo browser chiede di non essere tracciato (Do Not Track): lo rispettiamo, quindi qui non salviamo nulla.",
  blockedConsent:
    "Non hai ancora dato il consenso ai cookie di personalizzazione: finché non lo dai, qui non salviamo nulla.",
  profileTitle: "Cosa sappiamo di te",
  profileIntro:
    "Ecco tutto quello che il negozio usa per i suggerimenti. Sta tutto in un solo cookie firmato nel tuo browser: sui nostri server non c'è nient'altro su di te.",
  nothingYet: "Ancora niente: non abbiamo un profilo per questo browser.",
  forgottenProfile:
    "Ci hai chiesto di dimenticarti: il tuo profilo è cancellato e su questo browser non raccogliamo più nulla. Se vuoi ricominciare, puoi farlo dalle preferenze.",
  id: "Un numero anonimo, usato solo perché gli esperimenti ti mostrino sempre la stessa variante",
  visits: "Visite",
  firstSeen: "Prima visita",
  lastSeen: "Ultima pagina vista",
  recent: "Prodotti guardati di recente",
  affinities: "Categorie che sembrano interessarti (si attenuano col tempo)",
  usual: "Prodotti che hai guardato, con il numero di visite in cui li hai guardati",
  orders: "Ordini completati",
  favourites: "Categorie che ci hai detto di preferire",
  avoided: "Categorie che ci hai detto di evitare",
  caps: "Suggerimenti che limitiamo per non essere insistenti (volte mostrati)",
  // Italian agrees with the noun: "nessuno" for products and suggestions, "nessuna" for categories and pages.
  none: "nessuno",
  noneFeminine: "nessuna",
  neverStored:
    "Non salviamo mai: nome, email, indirizzo, IP, cosa compri, né nulla su salute, religione, politica, sindacati, origine etnica o vita sessuale.",
  editPrefs: "Cambia le preferenze",
  forgetLink: "Dimenticami",
  forgetTitle: "Dimenticami",
  forgetText:
    "Con un clic cancelliamo il tuo profilo e smettiamo di raccogliere dati su questo browser. Resterà solo un segno che dice di non farlo più.",
  forgetButton: "Cancella il mio profilo",
  forgotten: "Fatto: il tuo profilo è cancellato e da ora non raccogliamo più nulla su questo browser.",
  seeProfile: "Guarda cosa sappiamo",
  backToShop: "Torna al negozio",
  unavailable: "Le preferenze non sono disponibili in questo momento.",
} as const;

const en: Record<keyof typeof it, string> = {
  prefsTitle: "Your preferences",
  prefsIntro:
    "Tell us what you are into and what you would rather not see: the shop's suggestions follow it from the next page. You can change your mind at any time.",
  more: "Interested",
  neutral: "No preference",
  less: "Rather not",
  save: "Save preferences",
  saved: "Preferences saved.",
  noCategories: "There are no categories to choose from right now.",
  optedOutTitle: "You asked us to forget you",
  optedOutText:
    "We collect nothing about you and show you no personal suggestions. If you want to start again, you will get a new profile with no link to the one we deleted.",
  optIn: "Start afresh",
  blockedGpc:
    "Your browser asks not to be tracked (Global Privacy Control). We honour it, so nothing is saved here, preferences included.",
  blockedDnt: "Your browser asks not to be tracked (Do Not Track). We honour it, so nothing is saved here.",
  blockedConsent: "You have not consented to personalization cookies yet; until you do, nothing is saved here.",
  profileTitle: "What we know about you",
  profileIntro:
    "This is everything the shop uses for its suggestions. It all lives in one signed cookie in your browser; nothing else about you is kept on our servers.",
  nothingYet: "Nothing yet: this browser has no profile.",
  forgottenProfile:
    "You asked us to forget you: your profile is deleted and nothing more is collected about this browser. If you want to start again, you can do so from your preferences.",
  id: "An anonymous number, used only so that experiments keep showing you the same variant",
  visits: "Visits",
  firstSeen: "First visit",
  lastSeen: "Last page viewed",
  recent: "Products you looked at lately",
  affinities: "Categories you seem to like (this fades over time)",
  usual: "Products you looked at, with the number of visits in which you did",
  orders: "Orders completed",
  favourites: "Categories you told us you like",
  avoided: "Categories you told us to avoid",
  caps: "Suggestions we hold back so as not to insist (times shown)",
  none: "none",
  noneFeminine: "none",
  neverStored:
    "We never store your name, email, address, IP, what you buy, or anything about health, religion, politics, trade unions, ethnic origin or sex life.",
  editPrefs: "Change preferences",
  forgetLink: "Forget me",
  forgetTitle: "Forget me",
  forgetText:
    "One click deletes your profile and stops all collection for this browser. Only a marker saying not to start again is left.",
  forgetButton: "Delete my profile",
  forgotten: "Done: your profile is deleted and nothing more is collected about this browser.",
  seeProfile: "See what we know",
  backToShop: "Back to the shop",
  unavailable: "Preferences are not available right now.",
};

export type Words = Record<keyof typeof it, string>;

export function words(language: Language): Words {
  return language === "it" ? it : en;
}
