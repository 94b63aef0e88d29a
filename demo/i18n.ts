import type { LocalizedText } from "./catalog.ts";

export type Lang = "it" | "en";

export const defaultLang: Lang = "it";

function isLang(value: string | undefined | null): value is Lang {
  return value === "it" || value === "en";
}

/**
 * Picks the page language: an explicit `?lang=` wins, then whichever of
 * English or Italian comes first in Accept-Language (by quality, then order).
 * Anything else falls back to Italian.
 */
export function detectLang(url: URL, acceptLanguage: string | undefined | null): Lang {
  const fromQuery = url.searchParams.get("lang");
  if (isLang(fromQuery)) return fromQuery;
  if (!acceptLanguage) return defaultLang;

  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      let quality = 1;
      for (const param of params) {
        const [key, value] = param.trim().split("=");
        if (key === "q" && value !== undefined) {
          const parsed = Number.parseFloat(value);
          quality = Number.isNaN(parsed) ? 0 : parsed;
        }
      }
      const primary = tag.trim().toLowerCase().split("-")[0];
      return { primary, quality, index };
    })
    .filter((r) => r.quality > 0 && isLang(r.primary))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  const preferred = ranges[0]?.primary;
  return isLang(preferred) ? preferred : defaultLang;
}

export function localized(text: LocalizedText, lang: Lang): string {
  return text[lang];
}

const locales: Record<Lang, string> = { it: "it-IT", en: "en-IE" };
const priceFormats = new Map<string, Intl.NumberFormat>();

/** "24,90 €" in Italian, "€24.90" in English. */
export function formatPrice(amount: number, currency: string, lang: Lang): string {
  const key = `${lang}:${currency}`;
  let format = priceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang], {
      style: "currency",
      currency,
    });
    priceFormats.set(key, format);
  }
  return format.format(amount);
}

export interface Messages {
  shopName: string;
  skipToContent: string;
  announcement: string;
  tagline: string;
  homeLink: string;
  categoriesNavLabel: string;
  languageNavLabel: string;
  metaDescription: string;
  heroTitle: string;
  heroText: string;
  heroCta: string;
  departmentsTitle: string;
  featuredTitle: string;
  picksLabel: string;
  productCount: (n: number) => string;
  breadcrumbLabel: string;
  vatIncluded: string;
  inStock: string;
  outOfStock: string;
  soldOutBadge: string;
  quantity: string;
  addToCart: string;
  perks: readonly string[];
  healthNotice: string;
  orderTitle: string;
  orderText: string;
  orderEmailNote: string;
  continueShopping: string;
  notFoundTitle: string;
  notFoundText: string;
  backHome: string;
  errorTitle: string;
  errorText: string;
  footerAboutTitle: string;
  footerAbout: string;
  footerHoursTitle: string;
  footerHours: readonly string[];
  footerHelpTitle: string;
  footerHelp: readonly string[];
  footerNote: string;
  /** Links to the shopper's own controls, served by tact under /__tact. */
  footerPrivacyTitle: string;
  footerPrivacy: readonly (readonly [href: string, label: string])[];
}

const it: Messages = {
  shopName: "Bottega Aurora",
  skipToContent: "Vai al contenuto",
  announcement: "Spedizione gratuita per ordini da 49 € · Reso facile entro 30 giorni",
  tagline: "Cose belle per tutti i giorni, da Bologna",
  homeLink: "Home",
  categoriesNavLabel: "Reparti",
  languageNavLabel: "Lingua",
  metaDescription:
    "Bottega Aurora: oggetti per la cucina e la casa, cartoleria, giardino, caffè e tè, scelti con cura a Bologna.",
  heroTitle: "Cose belle per tutti i giorni",
  heroText:
    "Una piccola bottega di quartiere, aperta a Bologna nel 1987: oggetti per la cucina e la casa, carta, piante e qualche piccolo piacere, scelti uno per uno.",
  heroCta: "Scopri caffè e tè",
  departmentsTitle: "I nostri reparti",
  featuredTitle: "In evidenza",
  picksLabel: "Scelti per te",
  productCount: (n) => (n === 1 ? "1 prodotto" : `${n} prodotti`),
  breadcrumbLabel: "Percorso",
  vatIncluded: "IVA inclusa",
  inStock: "Disponibile, spedito in 48 ore",
  outOfStock: "Esaurito, torna presto",
  soldOutBadge: "Esaurito",
  quantity: "Quantità",
  addToCart: "Aggiungi al carrello",
  perks: ["Reso gratuito entro 30 giorni", "Pagamento sicuro con carta o bonifico", "Confezione regalo su richiesta"],
  healthNotice: "Prodotto per la salute: leggere attentamente le avvertenze e le istruzioni per l'uso.",
  orderTitle: "Grazie per il tuo ordine",
  orderText: "Abbiamo ricevuto il tuo ordine. Lo prepariamo con cura e lo spediamo entro due giorni lavorativi.",
  orderEmailNote: "Ti abbiamo inviato un'email di conferma con il riepilogo.",
  continueShopping: "Continua gli acquisti",
  notFoundTitle: "Pagina non trovata",
  notFoundText:
    "La pagina che cerchi non esiste o è stata spostata. Forse trovi quello che ti serve in uno dei nostri reparti.",
  backHome: "Torna alla home",
  errorTitle: "Qualcosa è andato storto",
  errorText: "Ci scusiamo per l'inconveniente: riprova tra qualche istante.",
  footerAboutTitle: "La bottega",
  footerAbout: "Via delle Lanterne 7, 40121 Bologna",
  footerHoursTitle: "Orari",
  footerHours: ["Martedì–sabato 9:30–19:30", "Domenica e lunedì chiuso"],
  footerHelpTitle: "Aiuto",
  footerHelp: ["Spedizioni in tutta Italia", "ciao@bottega-aurora.example"],
  footerNote: "Bottega Aurora è un negozio dimostrativo: nessun ordine viene davvero spedito.",
  footerPrivacyTitle: "I tuoi suggerimenti",
  footerPrivacy: [
    ["/__tact/prefs", "Le tue preferenze"],
    ["/__tact/profile", "Cosa sappiamo di te"],
    ["/__tact/forget", "Dimenticami"],
  ],
};

const en: Messages = {
  shopName: "Bottega Aurora",
  skipToContent: "Skip to content",
  announcement: "Free shipping on orders from €49 · Easy returns within 30 days",
  tagline: "Lovely everyday things, from Bologna",
  homeLink: "Home",
  categoriesNavLabel: "Departments",
  languageNavLabel: "Language",
  metaDescription:
    "Bottega Aurora: kitchen and home goods, stationery, garden, coffee and tea, carefully chosen in Bologna.",
  heroTitle: "Lovely things for every day",
  heroText:
    "A small neighbourhood shop, opened in Bologna in 1987: things for the kitchen and home, paper goods, plants and a few small treats, each one chosen by hand.",
  heroCta: "Browse coffee & tea",
  departmentsTitle: "Our departments",
  featuredTitle: "Featured",
  picksLabel: "Picked for you",
  productCount: (n) => (n === 1 ? "1 product" : `${n} products`),
  breadcrumbLabel: "Breadcrumb",
  vatIncluded: "VAT included",
  inStock: "In stock, ships within 48 hours",
  outOfStock: "Sold out, back soon",
  soldOutBadge: "Sold out",
  quantity: "Quantity",
  addToCart: "Add to cart",
  perks: ["Free returns within 30 days", "Secure payment by card or bank transfer", "Gift wrapping on request"],
  healthNotice: "Health product: read the warnings and instructions for use carefully.",
  orderTitle: "Thank you for your order",
  orderText: "We have received your order. We will pack it with care and ship it within two working days.",
  orderEmailNote: "A confirmation email with the details is on its way.",
  continueShopping: "Continue shopping",
  notFoundTitle: "Page not found",
  notFoundText:
    "The page you are looking for does not exist or has moved. You may find what you need in one of our departments.",
  backHome: "Back to the home page",
  errorTitle: "Something went wrong",
  errorText: "Sorry about that: please try again in a moment.",
  footerAboutTitle: "The shop",
  footerAbout: "Via delle Lanterne 7, 40121 Bologna, Italy",
  footerHoursTitle: "Opening hours",
  footerHours: ["Tuesday–Saturday 9:30–19:30", "Closed Sunday and Monday"],
  footerHelpTitle: "Help",
  footerHelp: ["We ship across Italy", "ciao@bottega-aurora.example"],
  footerNote: "Bottega Aurora is a demo shop: no order is ever actually shipped.",
  footerPrivacyTitle: "Your suggestions",
  footerPrivacy: [
    ["/__tact/prefs", "Your preferences"],
    ["/__tact/profile", "What we know about you"],
    ["/__tact/forget", "Forget me"],
  ],
};

const messages: Record<Lang, Messages> = { it, en };

export function t(lang: Lang): Messages {
  return messages[lang];
}
