#!/usr/bin/env node
// Draws docs/screenshots/invoice-pdf.png: the first page of a sample invoice PDF, rendered by the plugin's own
// renderer and rasterised with pdftoppm (Debian: apt-get install -y poppler-utils). Run by hand when the PDF's
// layout changes; not part of `npm test`.
const { execFileSync } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")

const ROOT = path.join(__dirname, "..")
require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(ROOT, "tsconfig.json") })
const { renderInvoicePdf } = require("../src/invoices/invoice-pdf")

const sample = {
  store_name: "Acme Furniture",
  order_id: "order_sample",
  order_display_id: 1042,
  order_date: "2026-12-01T10:00:00.000Z",
  customer_name: "Bea Buyer",
  billing_address: ["1 Main Street", "62701 Springfield", "IL", "US"],
  items: [
    { title: "Oak table", variant_title: "180 cm", quantity: 2, unit_price: 120, total: 240 },
    { title: "Linen chair cushion", variant_title: null, quantity: 4, unit_price: 15, total: 60 },
  ],
  shipping_total: 10,
  discount_total: 0,
  tax_total: 24.8,
  order_total: 334.8,
  paid_total: 100,
  outstanding: 234.8,
  currency_code: "usd",
  invoice_number: "INV-2026-0042",
  invoice_status: "issued",
  issued_at: "2026-12-02T10:00:00.000Z",
  order_canceled: false,
  amount_due: 234.8,
  pay_url: "https://shop.example.com/stripe-collect/pay/8fJc2kQ1x3Ywz0aVbN5mP7rT9uLsE4dG6hK2jA1oR0c",
  message: "Thank you for your order. The balance is due within 30 days.",
  terms: "net_30",
  due_date: "2027-01-01",
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invoice-pdf-"))
  const pdf = path.join(dir, "invoice.pdf")
  fs.writeFileSync(pdf, await renderInvoicePdf(sample))
  const out = path.join(ROOT, "docs/screenshots/invoice-pdf")
  execFileSync("pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", pdf, out], { stdio: "inherit" })
  fs.rmSync(dir, { recursive: true, force: true })
  console.log(`Wrote ${path.relative(ROOT, out)}.png`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
