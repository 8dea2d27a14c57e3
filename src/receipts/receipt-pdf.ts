import PDFDocument from "pdfkit"
import { formatMoney } from "../api/stripe-collect/pay/pay-page"
import { invoiceFonts } from "../invoices/invoice-fonts"
import type { Receipt } from "./receipt"

export type ReceiptRenderOptions = {
  /** Characters the font cannot draw, printed as "?" instead of an empty box: the caller says so. */
  onMissingCharacters?: (characters: string[]) => void
}

const MARGIN = 50
const WIDTH = 595.28 - 2 * MARGIN // A4
const MUTED = "#52525b"
const INK = "#18181b"

const day = (value: Date | string) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(value))

/** A payment's receipt as a one-page PDF, drawn with the invoice's fonts. The same receipt renders the same bytes. */
export async function renderReceiptPdf(receipt: Receipt, options: ReceiptRenderOptions = {}): Promise<Buffer> {
  const fonts = invoiceFonts()
  const missing = new Set<string>()
  const printable = (text: string) =>
    Array.from(text, (character) => {
      if (fonts.draws(character)) return character
      missing.add(character)
      return "?"
    }).join("")
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `Receipt ${receipt.receipt_number}`,
      Author: receipt.store_name,
      Subject: `Order #${receipt.order_display_id}`,
      CreationDate: new Date(receipt.paid_at),
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

  const money = (amount: number) => printable(formatMoney(amount, receipt.currency_code))
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y
    doc
      .font(bold ? "bold" : "body")
      .fontSize(10)
      .fillColor(INK)
    doc.text(label, MARGIN, y, { width: WIDTH - 200 })
    const after = doc.y
    doc.text(value, MARGIN + WIDTH - 190, y, { width: 190, align: "right" })
    doc.y = Math.max(after, doc.y) + 4
  }

  doc.font("bold").fontSize(18).fillColor(INK).text(printable(receipt.store_name), MARGIN, MARGIN)
  if (receipt.store_address) {
    doc.font("body").fontSize(9).fillColor(MUTED)
    for (const line of receipt.store_address) doc.text(printable(line))
    doc.fillColor(INK).moveDown(0.3)
  }
  doc
    .font("bold")
    .fontSize(14)
    .text(`Receipt ${printable(receipt.receipt_number)}`)
  doc.moveDown(0.5).font("body").fontSize(10).fillColor(MUTED)
  doc.text(
    receipt.invoice_number
      ? `Payment ${receipt.payment_number} towards invoice ${printable(receipt.invoice_number)}`
      : `Payment ${receipt.payment_number} on order #${receipt.order_display_id}`
  )
  doc.text(`Paid ${day(receipt.paid_at)}`)
  doc.text(`Order #${receipt.order_display_id}, placed ${day(receipt.order_date)}`)
  doc.moveDown(0.5)
  if (receipt.customer_name) doc.text(`Received from ${printable(receipt.customer_name)}`)
  for (const line of receipt.billing_address ?? []) doc.text(printable(line))
  if (receipt.customer_email) doc.text(printable(receipt.customer_email))
  doc.moveDown()

  row("Amount paid", money(receipt.amount_paid), true)
  row("Payment method", printable(receipt.payment_method))
  doc.moveDown(0.5)
  row("Order total", money(receipt.order_total))
  row("Paid so far", money(receipt.paid_so_far))
  row("Left to pay", money(receipt.left_to_pay), true)

  if (receipt.payment_intent_id) {
    doc.moveDown()
    doc.font("body").fontSize(8).fillColor(MUTED).text(`Stripe payment ${receipt.payment_intent_id}`, MARGIN, doc.y, { width: WIDTH })
  }
  doc.end()
  if (missing.size) options.onMissingCharacters?.([...missing])
  return done
}
