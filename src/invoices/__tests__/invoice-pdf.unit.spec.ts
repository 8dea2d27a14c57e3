import { PDFParse } from "pdf-parse"
import { renderInvoicePdf, type InvoiceDocument } from "../invoice-pdf"

const base: InvoiceDocument = {
  store_name: "Bäckerei Ødegård",
  store_address: ["Torggata 5", "0181 Oslo", "Norway"],
  order_id: "order_1",
  order_display_id: 7,
  order_date: "2026-11-01T00:00:00Z",
  customer_name: "Zoë Łukasz",
  billing_address: ["Łukasza 7", "00-950 Warszawa", "PL"],
  items: [{ title: "Crème brûlée", variant_title: "large", quantity: 3, unit_price: 1.5, total: 4.5 }],
  shipping_total: 1,
  discount_total: 0.5,
  tax_total: 0.25,
  order_total: 5.25,
  paid_total: 2,
  outstanding: 3.25,
  currency_code: "usd",
  invoice_number: "INV-2026-0042",
  order_canceled: false,
  invoice_status: "issued",
  issued_at: "2026-12-01T00:00:00Z",
  amount_due: 3.25,
  pay_url: "https://shop.example/stripe-collect/pay/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ABCDE",
  message: "Merci beaucoup — ευχαριστώ",
}

const text = async (invoice: InvoiceDocument) => {
  const pdf = await renderInvoicePdf(invoice)
  const parsed = await new PDFParse({ data: new Uint8Array(pdf) }).getText()
  return { pdf, pages: parsed.total, text: parsed.text }
}

describe("invoice PDF", () => {
  it("prints the number, dates, lines, totals, already paid, amount due, the message and the pay URL", async () => {
    const { pages, text: t } = await text(base)
    expect(pages).toBe(1)
    for (const part of [
      "Bäckerei Ødegård",
      "Torggata 5",
      "0181 Oslo",
      "Invoice INV-2026-0042",
      "Issued December 1, 2026",
      "Order #7, placed November 1, 2026",
      "Billed to Zoë Łukasz",
      "Łukasza 7",
      "00-950 Warszawa",
      "Crème brûlée (large)",
      "3 × $1.50",
      "Merci beaucoup — ευχαριστώ",
      base.pay_url!,
    ]) {
      expect(t).toContain(part)
    }
    expect(t).toMatch(/Shipping\s*\$1\.00/)
    expect(t).toMatch(/Discounts\s*-\$0\.50/)
    expect(t).toMatch(/Taxes\s*\$0\.25/)
    expect(t).toMatch(/Order total\s*\$5\.25/)
    expect(t).toMatch(/Already paid\s*-\$2\.00/)
    expect(t).toMatch(/Amount due\s*\$3\.25/)
  })

  it("formats zero- and three-decimal currencies", async () => {
    const yen = await text({
      ...base,
      currency_code: "jpy",
      items: [{ ...base.items[0], unit_price: 1500, total: 4500 }],
      amount_due: 3250,
    })
    expect(yen.text).toContain("3 × ¥1,500")
    expect(yen.text).toMatch(/Amount due\s*¥3,250/)
    const dinar = await text({ ...base, currency_code: "kwd", amount_due: 3.125 })
    expect(dinar.text).toMatch(/Amount due\s*KWD\s*3\.125/)
  })

  it("adds pages for long orders and marks a void invoice, without a way to pay", async () => {
    const items = Array.from({ length: 80 }, (_, i) => ({
      title: `Line ${i + 1}`,
      variant_title: null,
      quantity: 1,
      unit_price: 1,
      total: 1,
    }))
    const long = await text({ ...base, items, invoice_status: "void", pay_url: null })
    expect(long.pages).toBeGreaterThanOrEqual(3)
    expect(long.text).toContain("Line 80")
    expect(long.text).toContain("VOID — the order was canceled")
    expect(long.text).not.toContain("Pay online")
  })

  describe("other scripts", () => {
    const tokyo = { ...base, customer_name: "東京商事 Łukasz", items: [{ ...base.items[0], title: "抹茶 Matcha" }] }
    afterEach(() => {
      delete process.env.STRIPE_COLLECT_INVOICE_FONT
    })

    it("never prints an empty box: characters DejaVu lacks print as '?' and are reported", async () => {
      const reported: string[][] = []
      const pdf = await renderInvoicePdf(tokyo, { onMissingCharacters: (c) => reported.push(c) })
      const t = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text
      expect(t).toContain("Billed to ???? Łukasz")
      expect(t).toContain("?? Matcha")
      expect(reported).toEqual([["東", "京", "商", "事", "抹", "茶"]])
    })

    it("draws them with the merchant's font (STRIPE_COLLECT_INVOICE_FONT), here Noto Sans JP from npm", async () => {
      process.env.STRIPE_COLLECT_INVOICE_FONT = require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf")
      const reported: string[][] = []
      const pdf = await renderInvoicePdf(tokyo, { onMissingCharacters: (c) => reported.push(c) })
      const t = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text
      expect(t).toContain("東京商事")
      expect(t).toContain("抹茶 Matcha")
      // The merchant's font replaces DejaVu: what it lacks (Noto Sans JP has no Ł, no Greek) is reported, never a box.
      expect(reported).toEqual([["Ł", "ώ"]])
      expect(t).toContain("東京商事 ?ukasz")
      // Only the glyphs used are embedded: far smaller than the 5 MB font.
      expect(pdf.length).toBeLessThan(300_000)
    })
  })

  it("renders the same invoice to the same bytes", async () => {
    expect((await renderInvoicePdf(base)).equals(await renderInvoicePdf(base))).toBe(true)
  })
})
