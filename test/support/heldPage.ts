/** The two halves of the test origin's held page (see test/origin/testOrigin.ts). */
export const HELD_FIRST_CHUNK =
  '<!doctype html><html lang="it"><head><title>Held</title></head><body><main><h1>First</h1>';
export const HELD_REST = '<div class="product-extras"></div><p>Rest</p></main></body></html>';
