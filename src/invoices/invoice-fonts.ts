import { readFileSync } from "fs"
import { create } from "fontkit"

/** The fonts an invoice is drawn with, and which characters they draw. */
export type InvoiceFonts = { body: Buffer; bold: Buffer; draws(character: string): boolean }

// DejaVu covers Latin (ü, ø, ł, é), Greek and Cyrillic, and ships as TrueType on npm: embedded, nothing downloaded.
const DEJAVU = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")
const DEJAVU_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")

const cache = new Map<string, InvoiceFonts>()

/**
 * DejaVu Sans, or the merchant's font for other scripts (東京): STRIPE_COLLECT_INVOICE_FONT names a TrueType
 * or OpenType file, STRIPE_COLLECT_INVOICE_FONT_BOLD its bold (else the same file). Read once per process.
 */
export function invoiceFonts(env: NodeJS.ProcessEnv = process.env): InvoiceFonts {
  const bodyPath = env.STRIPE_COLLECT_INVOICE_FONT || DEJAVU
  const boldPath = env.STRIPE_COLLECT_INVOICE_FONT_BOLD || (env.STRIPE_COLLECT_INVOICE_FONT ? bodyPath : DEJAVU_BOLD)
  const key = `${bodyPath}\n${boldPath}`
  const known = cache.get(key)
  if (known) return known
  const body = readFileSync(bodyPath)
  const font = create(body)
  const fonts: InvoiceFonts = {
    body,
    bold: boldPath === bodyPath ? body : readFileSync(boldPath),
    draws: (character) => /\s/.test(character) || font.hasGlyphForCodePoint(character.codePointAt(0)!),
  }
  cache.set(key, fonts)
  return fonts
}
