/**
 * Reads the page's own `<html lang>`: when the shop has copy in that language,
 * blocks speak it, whatever the browser prefers. The html element always comes
 * before any slot, so the language is settled before the first block renders.
 */
export class PageLanguage implements HTMLRewriterElementContentHandlers {
  constructor(
    private readonly languages: readonly string[],
    private readonly language: { value: string },
  ) {}

  element(element: Element): void {
    const primary = element.getAttribute("lang")?.split("-")[0]?.trim().toLowerCase();
    if (primary && this.languages.includes(primary)) this.language.value = primary;
  }
}
