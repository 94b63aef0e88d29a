import type { Category, Product } from "./catalog.ts";
import { productsInCategory } from "./catalog.ts";
import { escapeHtml } from "../src/html/escapeHtml.ts";
import type { Lang } from "./i18n.ts";

/**
 * Hand-drawn SVG artwork for the shop: one motif per category (a pot, a
 * cushion, a notebook, a plant, a cup, a bottle, a cross), tinted per product.
 */

interface Palette {
  background: string;
  ink: string;
  accents: readonly string[];
}

const palettes: Record<string, Palette> = {
  kitchen: {
    background: "#f6e7dc",
    ink: "#5a3a2e",
    accents: ["#c8643b", "#a94f2c", "#d98b4a", "#8c6b52", "#b8683f", "#cf7a55"],
  },
  home: {
    background: "#f5e9e8",
    ink: "#5b3b45",
    accents: ["#c97b84", "#a85d6b", "#d6a08c", "#8e6a7d", "#b88a6e", "#c4605f"],
  },
  stationery: {
    background: "#e6ecf3",
    ink: "#2c3e57",
    accents: ["#3f6aa1", "#5b86b8", "#2f4f7f", "#c0a15a", "#7a93b5", "#46739e"],
  },
  garden: {
    background: "#e8efdf",
    ink: "#34472a",
    accents: ["#6b8e3d", "#4f7a34", "#8aa655", "#5e8c5a", "#7a9a3a"],
  },
  "coffee-tea": {
    background: "#f3e9da",
    ink: "#4a3222",
    accents: ["#7b4b2a", "#9a6233", "#5f3a22", "#b88a3c", "#6f7d3a", "#8a5a44"],
  },
  beauty: {
    background: "#f7ece4",
    ink: "#5c4350",
    accents: ["#d8927a", "#b985a6", "#e0b06f", "#9c7aa6", "#cf8f8f"],
  },
  pharmacy: {
    background: "#e5f1ee",
    ink: "#1f4d45",
    accents: ["#2e8b6f", "#3a9d8f", "#27746a", "#4aa38a", "#2f7f9a", "#5a9e6f"],
  },
};

const fallbackPalette: Palette = {
  background: "#f1ece4",
  ink: "#3d342c",
  accents: ["#a7754d"],
};

type Motif = (accent: string, ink: string) => string;

const motifs: Record<string, Motif> = {
  kitchen: (a, ink) => `
  <rect x="40" y="72" width="80" height="50" rx="12" fill="${a}"/>
  <rect x="34" y="63" width="92" height="11" rx="5.5" fill="${ink}"/>
  <rect x="71" y="52" width="18" height="12" rx="5" fill="${ink}"/>
  <rect x="24" y="82" width="17" height="7" rx="3.5" fill="${ink}"/>
  <rect x="119" y="82" width="17" height="7" rx="3.5" fill="${ink}"/>
  <rect x="48" y="84" width="30" height="5" rx="2.5" fill="#fff" opacity=".35"/>`,
  home: (a, ink) => `
  <rect x="34" y="46" width="92" height="74" rx="20" fill="${a}"/>
  <rect x="44" y="56" width="72" height="54" rx="13" fill="none" stroke="#fff" stroke-opacity=".65" stroke-width="2" stroke-dasharray="4 4"/>
  <circle cx="80" cy="83" r="4.5" fill="${ink}"/>`,
  stationery: (a, ink) => `
  <rect x="46" y="34" width="70" height="94" rx="6" fill="${a}"/>
  <rect x="46" y="34" width="12" height="94" rx="3" fill="${ink}" opacity=".3"/>
  <rect x="67" y="52" width="38" height="17" rx="3" fill="#fff" opacity=".85"/>
  <rect x="72" y="58" width="28" height="2.5" rx="1.25" fill="${ink}" opacity=".5"/>
  <rect x="72" y="63" width="18" height="2.5" rx="1.25" fill="${ink}" opacity=".5"/>
  <rect x="103" y="34" width="5" height="94" fill="${ink}" opacity=".7"/>`,
  garden: (a, ink) => `
  <ellipse cx="64" cy="68" rx="13" ry="24" transform="rotate(-32 64 68)" fill="${a}"/>
  <ellipse cx="96" cy="68" rx="13" ry="24" transform="rotate(32 96 68)" fill="${a}"/>
  <ellipse cx="80" cy="56" rx="12" ry="26" fill="${a}" opacity=".85"/>
  <rect x="78.5" y="70" width="3" height="24" fill="${ink}" opacity=".6"/>
  <path d="M56 100 h48 l-7 28 h-34 z" fill="#b8663a"/>
  <rect x="51" y="92" width="58" height="11" rx="3" fill="#a3572f"/>`,
  "coffee-tea": (a, ink) => `
  <path d="M64 64 c-7 -9 7 -13 0 -24 M82 64 c-7 -9 7 -13 0 -24" stroke="${ink}" stroke-width="3.5" fill="none" stroke-linecap="round" opacity=".45"/>
  <path d="M108 84 h5 a11 11 0 0 1 0 22 h-9" fill="none" stroke="${a}" stroke-width="7"/>
  <path d="M42 74 h68 v20 a28 28 0 0 1 -28 28 h-12 a28 28 0 0 1 -28 -28 z" fill="${a}"/>
  <rect x="32" y="122" width="96" height="7" rx="3.5" fill="${ink}"/>`,
  beauty: (a, ink) => `
  <rect x="54" y="58" width="52" height="68" rx="15" fill="${a}"/>
  <rect x="68" y="42" width="24" height="18" rx="4" fill="${ink}"/>
  <rect x="64" y="80" width="32" height="26" rx="5" fill="#fff" opacity=".8"/>
  <circle cx="80" cy="93" r="5" fill="${a}"/>`,
  pharmacy: (a, ink) => `
  <rect x="42" y="42" width="76" height="76" rx="18" fill="#fff"/>
  <rect x="42" y="42" width="76" height="76" rx="18" fill="none" stroke="${ink}" stroke-opacity=".15" stroke-width="2"/>
  <path d="M70 55 h20 v15 h15 v20 h-15 v15 h-20 v-15 h-15 v-20 h15 z" fill="${a}"/>`,
};

const fallbackMotif: Motif = (a) => `<circle cx="80" cy="82" r="36" fill="${a}"/>`;

/** Where the soft backdrop circle sits, varied per product so neighbours differ. */
const backdrops: readonly [number, number][] = [
  [50, 46],
  [114, 50],
  [108, 116],
  [46, 112],
  [80, 40],
  [80, 122],
];

function svgDocument(label: string, size: number, viewBox: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${viewBox}" role="img" aria-label="${escapeHtml(label)}">
<title>${escapeHtml(label)}</title>${content}
</svg>
`;
}

function artwork(categorySlug: string, variant: number): string {
  const palette = palettes[categorySlug] ?? fallbackPalette;
  const motif = motifs[categorySlug] ?? fallbackMotif;
  const accent = palette.accents[variant % palette.accents.length] ?? palette.ink;
  const [cx, cy] = backdrops[variant % backdrops.length] ?? [80, 80];
  return `
  <rect width="160" height="160" fill="${palette.background}"/>
  <circle cx="${cx}" cy="${cy}" r="58" fill="${accent}" opacity=".14"/>
  <circle cx="${160 - cx}" cy="${160 - cy}" r="9" fill="${accent}" opacity=".22"/>${motif(accent, palette.ink)}`;
}

export function productSvg(product: Product): string {
  const variant = Math.max(
    0,
    productsInCategory(product.category).findIndex((p) => p.id === product.id),
  );
  return svgDocument(product.title, 160, "0 0 160 160", artwork(product.category, variant));
}

export function categorySvg(category: Category, lang: Lang): string {
  return svgDocument(category.name[lang], 160, "0 0 160 160", artwork(category.slug, 0));
}

/** A sunrise over hills, for the home page hero. */
export function heroSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400" aria-hidden="true">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#fbe3c7"/>
      <stop offset="1" stop-color="#f6c9a0"/>
    </linearGradient>
  </defs>
  <rect width="640" height="400" fill="url(#sky)"/>
  <g stroke="#e59a55" stroke-width="6" stroke-linecap="round" opacity=".7">
    <path d="M320 120 v-50"/><path d="M250 140 l-28 -40"/><path d="M390 140 l28 -40"/>
    <path d="M200 190 l-44 -22"/><path d="M440 190 l44 -22"/>
  </g>
  <circle cx="320" cy="250" r="96" fill="#ec9f52"/>
  <circle cx="320" cy="250" r="70" fill="#f2b46b"/>
  <path d="M0 260 C110 210 210 230 320 262 S520 300 640 240 V400 H0 Z" fill="#c7703f"/>
  <path d="M0 300 C140 262 260 300 380 310 S560 296 640 284 V400 H0 Z" fill="#8c9a52"/>
  <path d="M0 348 C160 326 300 352 460 344 S600 330 640 336 V400 H0 Z" fill="#5f6f35"/>
  <g fill="#4c5a2a">
    <rect x="474" y="268" width="6" height="40"/><ellipse cx="477" cy="258" rx="14" ry="26"/>
    <rect x="512" y="276" width="6" height="34"/><ellipse cx="515" cy="266" rx="12" ry="22"/>
  </g>
</svg>
`;
}

/** A small rising sun on a terracotta tile; used as favicon. */
export function faviconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#a84b24"/>
  <path d="M14 42 a18 18 0 0 1 36 0 z" fill="#f6c27a"/>
  <rect x="10" y="44" width="44" height="5" rx="2.5" fill="#fbeee0"/>
</svg>
`;
}
