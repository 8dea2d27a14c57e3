import { escapeHtml, renderNoticePage, renderPayPage } from "../pay-page"
import type { Invoice } from "../../../../payment-links/invoice"

const invoice: Invoice = {
  store_name: `Bob's <Bikes>`,
  store_address: null,
  order_id: "order_1",
  order_display_id: 42,
  order_date: "2026-11-01T10:00:00Z",
  customer_name: "Bea <b>Buyer</b>",
  billing_address: null,
  items: [{ title: "Wheel", variant_title: '29"', quantity: 2, unit_price: 45, total: 90 }],
  shipping_total: 10,
  discount_total: 5,
  tax_total: 5,
  order_total: 100,
  paid_total: 30,
  outstanding: 70,
  currency_code: "usd",
  invoice_number: "INV-2026-0007",
  order_canceled: false,
}

describe("pay page", () => {
  it("escapes every character HTML gives meaning to", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
  })

  it("shows the invoice, the amount due, and the admin's message as text", () => {
    const html = renderPayPage({
      invoice,
      amount_due: 40,
      message: `<script>alert(1)</script>`,
      expires_at: "2026-12-26T00:00:00Z",
      action: "/stripe-collect/pay/token",
    })
    expect(html).toContain("Pay $40.00 by card")
    expect(html).toContain("Order #42")
    expect(html).toContain("Invoice INV-2026-0007")
    expect(html).toMatch(/href="[^"]*\/invoice" data-testid="invoice-pdf">Download invoice INV-2026-0007 \(PDF\)/)
    expect(html).toContain("2 × $45.00")
    expect(html).toContain("Already paid")
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
    expect(html).not.toContain("<script>")
    expect(html).toContain("Bob&#39;s &lt;Bikes&gt;")
    expect(html).toContain("December 26, 2026")
    expect(html).toContain('name="viewport"')
  })

  it("formats zero- and three-decimal currencies", () => {
    const yen = renderPayPage({
      invoice: { ...invoice, currency_code: "jpy" },
      amount_due: 1234,
      message: null,
      expires_at: new Date(),
      action: "/x",
    })
    expect(yen).toContain("Pay ¥1,234 by card")
    const dinar = renderPayPage({
      invoice: { ...invoice, currency_code: "kwd" },
      amount_due: 12.345,
      message: null,
      expires_at: new Date(),
      action: "/x",
    })
    expect(dinar).toContain("12.345")
  })

  it("renders notices without a pay button unless asked", () => {
    const html = renderNoticePage({ invoice, title: "This order is paid", text: "Thanks" })
    expect(html).toContain("This order is paid")
    expect(html).not.toContain("<form")
  })
})
