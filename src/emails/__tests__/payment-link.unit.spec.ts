import { PAYMENT_LINK_TEMPLATE, renderEmail, type PaymentLinkEmailData } from "../index"

const payUrl = "https://shop.example/stripe-collect/pay/2pWq8v1XfYb3kR7m"

function invoice(overrides: Partial<PaymentLinkEmailData> = {}): PaymentLinkEmailData {
  return {
    store_name: "Acme Outfitters",
    order_display_id: 1001,
    order_date: "2026-11-20T10:00:00.000Z",
    customer_name: "Jane Doe",
    items: [
      { title: "Rain jacket", variant_title: "M / Navy", quantity: 2, unit_price: 30, total: 60 },
      { title: "Wool socks", quantity: 1, unit_price: 25, total: 25 },
    ],
    shipping_total: 10,
    discount_total: 5,
    tax_total: 10,
    order_total: 100,
    paid_total: 20,
    amount_due: 40,
    currency_code: "usd",
    message: null,
    pay_url: payUrl,
    expires_at: "2026-12-20T10:00:00.000Z",
    ...overrides,
  }
}

describe("payment link email", () => {
  it("keeps the subject on one line whatever the store name holds", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ store_name: "Acme\r\nBcc: everyone@example.test\u2028 Outfitters" }))
    expect(email.subject).toBe("Invoice for order #1001 from Acme Bcc: everyone@example.test Outfitters: $40.00 due")
    expect(email.subject).not.toMatch(/[\r\n\u2028]/)
  })

  it("shows the invoice: lines, totals, already paid and the amount due by this link", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice())

    expect(email.subject).toBe("Invoice for order #1001 from Acme Outfitters: $40.00 due")
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Acme Outfitters")
      expect(part).toContain("Jane Doe")
      expect(part).toContain("#1001")
      expect(part).toContain("November 20, 2026")
      expect(part).toContain("Rain jacket (M / Navy)")
      expect(part).toContain("2 × $30.00")
      expect(part).toContain("$60.00")
      expect(part).toContain("Wool socks")
      expect(part).toContain("-$5.00")
      expect(part).toContain("$100.00")
      expect(part).toContain("-$20.00")
    }
    expect(email.text).toMatch(/Shipping\s+\$10\.00/)
    expect(email.text).toMatch(/Taxes\s+\$10\.00/)
    expect(email.text).toMatch(/Already paid\s+-\$20\.00/)
    expect(email.text).toMatch(/Amount due by this link\s+\$40\.00/)
    // 100 - 20 already paid - 40 now leaves 40 for later.
    expect(email.text).toMatch(/Balance remaining after this payment\s+\$40\.00/)
  })

  it("names the order's invoice number in the subject, the heading and the summary", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ invoice_number: "INV-2026-0042" }))
    expect(email.subject).toBe("Invoice INV-2026-0042 for order #1001 from Acme Outfitters: $40.00 due")
    for (const part of [email.html, email.text]) expect(part).toContain("Invoice INV-2026-0042")
    const reminder = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ invoice_number: "INV-2026-0042", reminder: true }))
    expect(reminder.subject).toBe("Reminder: $40.00 due for order #1001 from Acme Outfitters (invoice INV-2026-0042)")
  })

  it("has a Pay button and the plain URL, in HTML and in text", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice())

    const hrefs = [...email.html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1])
    expect(hrefs).toEqual([payUrl, payUrl])
    expect(email.html).toMatch(/Pay <!-- -->\$40\.00/)
    expect(email.text).toContain(`Pay $40.00 ${payUrl}`)
    expect(email.text.split("\n")).toContain(payUrl)
  })

  it("escapes the admin's message in HTML and keeps it literal in text", async () => {
    const message = `Hello <script>alert("pwned")</script>\n<b>Net 30</b> & thanks`
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ message }))

    expect(email.html).not.toMatch(/<script/i)
    expect(email.html).not.toContain("<b>Net 30</b>")
    expect(email.html).toContain("Hello &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;<br/>&lt;b&gt;Net 30&lt;/b&gt; &amp; thanks")
    expect(email.text).toContain(`Hello <script>alert("pwned")</script>\n<b>Net 30</b> & thanks`)
  })

  it("leaves the message block out when there is no message", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ message: undefined }))
    expect(email.text).not.toContain("Message from")
  })

  it("shows when the link expires", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ expires_at: "2027-01-31T18:30:00Z" }))
    for (const part of [email.html, email.text]) {
      expect(part).toContain("This payment link expires on")
      expect(part).toMatch(/January 31, 2027 at 6:30:00\sPM UTC/)
    }
  })

  it("formats money in the order's currency: no decimals for JPY, three for KWD", async () => {
    const jpy = await renderEmail(
      PAYMENT_LINK_TEMPLATE,
      invoice({
        currency_code: "jpy",
        items: [{ title: "Tea set", quantity: 1, unit_price: 12000, total: 12000 }],
        shipping_total: 800,
        discount_total: 0,
        tax_total: 1280,
        order_total: 14080,
        paid_total: 0,
        amount_due: 14080,
      })
    )
    expect(jpy.subject).toContain("¥14,080 due")
    expect(jpy.text).toMatch(/Amount due by this link\s+¥14,080\n/)
    expect(jpy.text).toContain("¥12,000")
    expect(jpy.text).not.toMatch(/¥[\d,]+\.\d/)
    // Fully asked for: nothing remains after this payment, and nothing was paid before.
    expect(jpy.text).not.toContain("Balance remaining")
    expect(jpy.text).not.toContain("Already paid")
    expect(jpy.text).not.toContain("Discount")

    const kwd = await renderEmail(
      PAYMENT_LINK_TEMPLATE,
      invoice({
        currency_code: "KWD",
        items: [{ title: "Dates", quantity: 3, unit_price: 1.25, total: 3.75 }],
        shipping_total: 1.5,
        discount_total: 0.125,
        tax_total: 0,
        order_total: 5.125,
        paid_total: 1,
        amount_due: 2.5,
      })
    )
    expect(kwd.subject).toMatch(/KWD\s2\.500 due$/)
    expect(kwd.text).toMatch(/3 × KWD\s1\.250/)
    expect(kwd.text).toMatch(/Discount\s+-KWD\s0\.125/)
    expect(kwd.text).toMatch(/Order total\s+KWD\s5\.125/)
    expect(kwd.text).toMatch(/Balance remaining after this payment\s+KWD\s1\.625/)

    const eur = await renderEmail(
      PAYMENT_LINK_TEMPLATE,
      invoice({ currency_code: "eur", amount_due: 1234.5, order_total: 2000, paid_total: 0 })
    )
    expect(eur.text).toMatch(/Amount due by this link\s+€1,234\.50/)
  })

  it("accepts amounts as numeric strings, as Medusa's big numbers serialize", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ amount_due: "40.5", order_total: "100" }))
    expect(email.text).toMatch(/Amount due by this link\s+\$40\.50/)
  })

  it("words the reminder as a reminder", async () => {
    const email = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ reminder: true }))
    expect(email.subject).toBe("Reminder: $40.00 due for order #1001 from Acme Outfitters")
    expect(email.text).toContain("Reminder: payment due for order #1001")
    expect(email.text).toContain("This is a reminder that $40.00 is still due")
    expect(email.html).toContain(payUrl)
  })

  it("refuses a pay URL that is not a web link", async () => {
    await expect(renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ pay_url: "javascript:alert(1)" }))).rejects.toThrow(
      /stripe-collect\.payment-link.*pay_url/
    )
  })

  it("refuses an amount due of zero", async () => {
    await expect(renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ amount_due: 0 }))).rejects.toThrow(/amount_due: Expected more than zero/)
  })

  it("formats numbers and dates for the locale it is given, and refuses a malformed locale", async () => {
    const german = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ currency_code: "eur", locale: "de-DE" }))
    expect(german.text).toMatch(/Amount due by this link\s+40,00\s€/)
    expect(german.text).toContain("20. Dezember 2026")

    await expect(renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ locale: "not a locale!" }))).rejects.toThrow(/locale/)
  })

  it("names every missing field", async () => {
    await expect(renderEmail(PAYMENT_LINK_TEMPLATE, { store_name: "Acme" } as PaymentLinkEmailData)).rejects.toThrow(
      /order_display_id.*amount_due.*pay_url.*expires_at/
    )
  })
})

describe("payment link email: due dates", () => {
  it("prints the due date with its terms, and words a reminder after it as overdue", async () => {
    const sent = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ due_date: "2026-12-31", terms_label: "Net 30" }))
    expect(sent.text).toContain("Due date: December 31, 2026 (Net 30)")
    const soon = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ due_date: "2026-12-31", reminder: true }))
    expect(soon.text).toContain("$40.00 is still due for order #1001 from Acme Outfitters (due December 31, 2026)")
    const late = await renderEmail(PAYMENT_LINK_TEMPLATE, invoice({ due_date: "2026-12-31", reminder: true, overdue: true }))
    expect(late.text).toContain("was due on December 31, 2026 and is overdue")
    // A link sent before terms existed has no due date, and says none.
    expect((await renderEmail(PAYMENT_LINK_TEMPLATE, invoice())).text).not.toContain("Due date")
  })
})
