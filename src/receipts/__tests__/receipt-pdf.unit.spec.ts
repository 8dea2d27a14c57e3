import { PDFParse } from "pdf-parse"
import { receiptFileName, type Receipt } from "../receipt"
import { renderReceiptPdf } from "../receipt-pdf"

const base: Receipt = {
  receipt_number: "INV-2026-0042-2",
  invoice_number: "INV-2026-0042",
  payment_number: 2,
  payment_id: "pay_1",
  order_id: "order_1",
  order_display_id: 7,
  order_date: "2026-11-01T00:00:00Z",
  store_name: "Bäckerei Ødegård",
  store_address: ["Torggata 5", "0181 Oslo", "Norway"],
  customer_name: "Zoë Łukasz",
  customer_email: "zoe@example.test",
  billing_address: ["Łąkowa 7", "00-950 Warszawa", "PL"],
  amount_paid: 30,
  currency_code: "eur",
  paid_at: "2026-12-02T10:00:00Z",
  payment_method: "SEPA Direct Debit •••• 3000",
  order_total: 100,
  paid_so_far: 70,
  left_to_pay: 30,
  flow: "payment_link",
  payment_link_id: "scpl_1",
  payment_intent_id: "pi_123",
}

const text = async (receipt: Receipt) => (await new PDFParse({ data: new Uint8Array(await renderReceiptPdf(receipt)) }).getText()).text

describe("receipt PDF", () => {
  it("prints the number, the invoice and payment it is for, the customer and billing address, the amounts and the method", async () => {
    const t = await text(base)
    for (const part of [
      "Bäckerei Ødegård",
      "Torggata 5",
      "0181 Oslo",
      "Receipt INV-2026-0042-2",
      "Payment 2 towards invoice INV-2026-0042",
      "Paid December 2, 2026",
      "Order #7, placed November 1, 2026",
      "Received from Zoë Łukasz",
      "Łąkowa 7",
      "00-950 Warszawa",
      "zoe@example.test",
      "Stripe payment pi_123",
    ]) {
      expect(t).toContain(part)
    }
    expect(t).toMatch(/Amount paid\s*€30\.00/)
    expect(t).toMatch(/Payment method\s*SEPA Direct Debit •••• 3000/)
    expect(t).toMatch(/Order total\s*€100\.00/)
    expect(t).toMatch(/Paid so far\s*€70\.00/)
    expect(t).toMatch(/Left to pay\s*€30\.00/)
  })

  it("numbers a payment made before any invoice by the order, in yen without decimals", async () => {
    const t = await text({
      ...base,
      receipt_number: "#7-1",
      invoice_number: null,
      payment_number: 1,
      currency_code: "jpy",
      amount_paid: 14080,
      order_total: 14080,
      paid_so_far: 14080,
      left_to_pay: 0,
      billing_address: null,
    })
    expect(t).toContain("Receipt #7-1")
    expect(t).toContain("Payment 1 on order #7")
    expect(t).toMatch(/Amount paid\s*¥14,080/)
    expect(t).toMatch(/Left to pay\s*¥0/)
  })

  it("renders the same bytes for the same receipt, and names the file after the receipt", async () => {
    expect((await renderReceiptPdf(base)).equals(await renderReceiptPdf(base))).toBe(true)
    expect(receiptFileName(base)).toBe("receipt-INV-2026-0042-2.pdf")
    expect(receiptFileName({ receipt_number: "#7-1" })).toBe("receipt-order-7-1.pdf")
  })

  it("prints characters the font lacks as '?' and says which", async () => {
    const missing: string[] = []
    const pdf = await renderReceiptPdf({ ...base, customer_name: "東京 Łukasz" }, { onMissingCharacters: (c) => missing.push(...c) })
    expect(missing.sort()).toEqual(["京", "東"])
    expect((await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text).toContain("Received from ?? Łukasz")
  })
})
