import PDFDocument from "pdfkit"
import QRCode from "qrcode"
import type { Invoice } from "../payment-links/invoice"
import { formatMoney } from "../api/stripe-collect/pay/pay-page"
import { invoiceFonts } from "./invoice-fonts"
import { formatCalendarDay, termsLabel } from "../payment-links/due-dates"

export type RenderOptions = {
  /** Characters the font cannot draw, printed as "?" instead of an empty box: the caller says so. */
  onMissingCharacters?: (characters: string[]) => void
}

/** What the invoice PDF prints: the order as the customer sees it, the invoice's number, and what is asked now. */
export type InvoiceDocument = Invoice & {
  invoice_number: string
  invoice_status: "issued" | "superseded" | "void"
  issued_at: Date | string
  /** What this link asks for (or, from the order card, what is outstanding). */
  amount_due: number
  /** The pay page, printed as text and as a QR code; null when no link can take money. */
  pay_url: string | null
  message: string | null
  /** Payment terms (net_30, ...) and the due date, a day on the store's calendar (YYYY-MM-DD); null on older links. */
  terms?: string | null
  due_date?: string | null
}

const MARGIN = 50
const WIDTH = 595.28 - 2 * MARGIN // A4
const MUTED = "#52525b"

const day = (value: Date | string) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(value))

/** The invoice as a PDF (A4, pages added as the lines need them). The same invoice renders the same bytes. */
export async function renderInvoicePdf(invoice: InvoiceDocument, options: RenderOptions = {}): Promise<Buffer> {
  const fonts = invoiceFonts()
  const missing = new Set<string>()
  const printable = (text: string) =>
    Array.from(text, (character) => {
      if (fonts.draws(character)) return character
      missing.add(character)
      return "?"
    }).join("")
  const qr = invoice.pay_url ? await QRCode.toBuffer(invoice.pay_url, { margin: 1, width: 240 }) : null
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `Invoice ${invoice.invoice_number}`,
      Author: invoice.store_name,
      Subject: `Order #${invoice.order_display_id}`,
      CreationDate: new Date(invoice.issued_at),
    },
  })
  doc.registerFont("body", fonts.body)
  doc.registerFont("bold", fonts.bold)
  const chunks: Buffer[] = []
  doc.on("data", (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)))
    doc.on("error", reject)
  })

  const money = (amount: number) => printable(formatMoney(amount, invoice.currency_code))
  const bottom = () => doc.page.height - MARGIN
  const row = (label: string, value: string, { bold = false, detail }: { bold?: boolean; detail?: string } = {}) => {
    const height = detail ? 30 : 18
    if (doc.y + height > bottom()) doc.addPage()
    const y = doc.y
    doc
      .font(bold ? "bold" : "body")
      .fontSize(10)
      .fillColor("#18181b")
    doc.text(label, MARGIN, y, { width: WIDTH - 130 })
    if (detail)
      doc
        .font("body")
        .fontSize(8)
        .fillColor(MUTED)
        .text(detail, MARGIN, doc.y, { width: WIDTH - 130 })
    const after = doc.y
    doc
      .font(bold ? "bold" : "body")
      .fontSize(10)
      .fillColor("#18181b")
      .text(value, MARGIN + WIDTH - 120, y, { width: 120, align: "right" })
    doc.y = Math.max(after, doc.y) + 4
  }

  doc.font("bold").fontSize(18).text(printable(invoice.store_name), MARGIN, MARGIN)
  if (invoice.store_address) {
    doc.font("body").fontSize(9).fillColor(MUTED)
    for (const line of invoice.store_address) doc.text(printable(line))
    doc.fillColor("#18181b").moveDown(0.3)
  }
  doc.font("bold").fontSize(14).text(`Invoice ${invoice.invoice_number}`)
  if (invoice.invoice_status !== "issued") {
    doc
      .font("bold")
      .fontSize(12)
      .fillColor("#b91c1c")
      .text(invoice.invoice_status === "void" ? "VOID — the order was canceled" : "SUPERSEDED by a later version")
  }
  doc.moveDown(0.5).font("body").fontSize(10).fillColor(MUTED)
  doc.text(`Issued ${day(invoice.issued_at)}`)
  if (invoice.due_date) {
    const terms = termsLabel(invoice.terms)
    doc
      .font("bold")
      .fillColor("#18181b")
      .text(`Due ${formatCalendarDay(invoice.due_date)}${terms && invoice.terms !== "date" ? ` · Terms: ${terms}` : ""}`)
    doc.font("body").fillColor(MUTED)
  }
  doc.text(`Order #${invoice.order_display_id}, placed ${day(invoice.order_date)}`)
  if (invoice.customer_name) doc.text(`Billed to ${printable(invoice.customer_name)}`)
  for (const line of invoice.billing_address ?? []) doc.text(printable(line))
  doc.moveDown()

  if (invoice.message) {
    doc.font("body").fontSize(10).fillColor("#18181b").text(printable(invoice.message), { width: WIDTH })
    doc.moveDown()
  }

  for (const item of invoice.items) {
    const title = printable(item.variant_title ? `${item.title} (${item.variant_title})` : item.title)
    row(title, money(item.total), { detail: `${item.quantity} × ${money(item.unit_price)}` })
  }
  doc.moveDown(0.5)
  row("Shipping", money(invoice.shipping_total))
  if (invoice.discount_total) row("Discounts", money(-invoice.discount_total))
  row("Taxes", money(invoice.tax_total))
  row("Order total", money(invoice.order_total), { bold: true })
  if (invoice.paid_total) row("Already paid", money(-invoice.paid_total))
  row("Amount due", money(invoice.amount_due), { bold: true })

  if (invoice.pay_url) {
    if (doc.y + 150 > bottom()) doc.addPage()
    doc.moveDown()
    const y = doc.y
    doc.image(qr!, MARGIN, y, { width: 110 })
    doc
      .font("bold")
      .fontSize(10)
      .fillColor("#18181b")
      .text("Pay online", MARGIN + 125, y)
    doc
      .font("body")
      .fontSize(9)
      .fillColor(MUTED)
      .text("Scan the code, or open this address:", MARGIN + 125, doc.y + 2)
    // The full width below the code: a pay URL (about 90 characters) stays on one line, as readers copy it.
    doc
      .font("body")
      .fontSize(8)
      .fillColor("#18181b")
      .text(invoice.pay_url, MARGIN, y + 118, { width: WIDTH, link: invoice.pay_url })
  }
  doc.end()
  if (missing.size) options.onMissingCharacters?.([...missing])
  return done
}
