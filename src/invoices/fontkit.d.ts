// The one fontkit call the invoice makes (fontkit ships no types): does the font draw this character?
declare module "fontkit" {
  export function create(buffer: Buffer): { hasGlyphForCodePoint(codePoint: number): boolean }
}
