// An unpaid order paid in two parts: a partial card charge by the admin (and a declined card), then a
// payment link for the rest, paid by the customer from the email on the sandbox's Checkout page.
// Each step opens the order page afresh, so a step that failed with a popup open cannot trip the next one.
import type { Page } from "playwright-core"
import { seededOrder, type E2EContext } from "../lib/context"
import {
  expectVisibleWithoutScrolling,
  medusaPaymentSection,
  openOrder,
  waitForOrder,
  waitForPopupSuccess,
  waitForPopupToClose,
} from "../lib/dashboard"
import { assert, expectText, expectValue } from "../lib/expect"
import { waitForEmail } from "../lib/sandbox-inbox"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

// $250.00: 2 × $120.00 + $10.00 shipping, for a customer with no saved card (charged with Stripe's test cards).
const ORDER_KEY = "usd-carla-2-tables"
const PARTIAL = { input: "100", shown: "$100.00", left: "$150.00" }
const LINK_MESSAGE = "Thank you for your order! Here is the invoice for the remaining balance of your oak tables."
const SUCCEEDING_TEST_CARD = "pm_card_visa"
const DECLINED_TEST_CARD = "pm_card_chargeDeclined"
/** The last step: the order is paid in full (refunds.ts refunds part of it). */
export const ORDER_PAID = "back in the dashboard the order is paid"

export function collectPaymentSteps(context: E2EContext, after: string): Step[] {
  const order = seededOrder(context, ORDER_KEY)
  let linkUrl = ""
  let emailId = ""

  const chargePopup = (page: Page) => page.getByTestId("stripe-collect-charge-popup")
  const linkPopup = (page: Page) => page.getByTestId("stripe-collect-link-popup")

  return [
    {
      name: "open an unpaid order: the Stripe card shows what is outstanding",
      needs: [after],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await expectText(card.outstanding, "$250.00")
        await expectText(card.paid, "Paid $0.00 of $250.00")
        await expectText(card.status, "Not paid")
        await expectVisibleWithoutScrolling(page, card)
        await screenshot(page, context, "order-card", "order-card")
      },
    },
    {
      name: "charge part of the order with a test card: the card and Medusa's payments show it",
      needs: ["open an unpaid order: the Stripe card shows what is outstanding"],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await card.chargeButton.click()
        const popup = chargePopup(page)
        await popup.waitFor()
        await expectText(popup.getByTestId("stripe-collect-customer"), "Carla Diaz")
        await popup.getByTestId("stripe-collect-charge-amount").fill(PARTIAL.input)
        await expectText(popup.getByTestId("stripe-collect-partial-hint"), `${PARTIAL.left} will remain outstanding`)
        await popup.getByTestId(`stripe-collect-card-option-${SUCCEEDING_TEST_CARD}`).click()
        await expectText(popup.getByTestId("stripe-collect-charge-submit"), `Charge ${PARTIAL.shown}`)
        await screenshot(page, context, "charge-popup", "charge-popup")
        await popup.getByTestId("stripe-collect-charge-submit").click()
        await waitForPopupToClose(popup, "stripe-collect-charge-error")

        await expectText(card.outstanding, PARTIAL.left)
        await expectText(card.paid, `Paid ${PARTIAL.shown} of $250.00`)
        await expectText(card.status, "Partially captured")
        await expectText(card.activity, /Card charge · \$100\.00\s*Succeeded/)
        const payments = medusaPaymentSection(page)
        await expectText(payments, /Captured\s*\$100\.00/)
        await expectText(payments, "Total pending $ 150.00 USD")
        await card.root.scrollIntoViewIfNeeded()
        await screenshot(page, context, "charged-partially")
      },
    },
    {
      name: "a declined card: the bank's answer is shown in the popup and nothing is taken",
      needs: ["charge part of the order with a test card: the card and Medusa's payments show it"],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await card.chargeButton.click()
        const popup = chargePopup(page)
        await popup.waitFor()
        await popup.getByTestId("stripe-collect-charge-amount").fill("20")
        await popup.getByTestId(`stripe-collect-card-option-${DECLINED_TEST_CARD}`).click()
        await popup.getByTestId("stripe-collect-charge-submit").click()
        const problem = popup.getByTestId("stripe-collect-charge-error")
        await expectText(problem, /declined/i, 60_000)
        await problem.scrollIntoViewIfNeeded()
        await screenshot(page, context, "charge-declined", "charge-declined")
        await popup.getByRole("button", { name: "Cancel" }).click()
        await popup.waitFor({ state: "hidden" })
        await expectText(card.outstanding, PARTIAL.left)
        await expectText(card.status, "Partially captured")
      },
    },
    {
      name: "send a payment link for the rest with a message",
      needs: ["charge part of the order with a test card: the card and Medusa's payments show it"],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await card.linkButton.click()
        const popup = linkPopup(page)
        await popup.waitFor()
        await expectValue(popup.getByTestId("stripe-collect-link-email"), order.email)
        await expectValue(popup.getByTestId("stripe-collect-link-amount"), /^150(\.00)?$/)
        await popup.getByTestId("stripe-collect-link-message").fill(LINK_MESSAGE)
        await screenshot(page, context, "link-popup", "link-popup")
        await popup.getByTestId("stripe-collect-link-submit").click()
        await waitForPopupSuccess(popup, "stripe-collect-link-sent", "stripe-collect-link-error")
        await expectText(popup.getByTestId("stripe-collect-link-sent"), `Email sent to ${order.email}`, 60_000)
        linkUrl = await popup.getByTestId("stripe-collect-link-url").inputValue()
        assert(linkUrl.startsWith(`${context.urls.backend}/stripe-collect/pay/`), `Unexpected payment link URL: ${linkUrl}`)
        await screenshot(page, context, "link-sent")
        await popup.getByRole("button", { name: "Done" }).click()
        await popup.waitFor({ state: "hidden" })
        await expectText(card.links, /Sent/)
      },
    },
    {
      name: "the email with the invoice and the link reaches the customer's inbox",
      needs: ["send a payment link for the rest with a message"],
      run: async (page) => {
        const email = await waitForEmail(context.urls.sandbox, (e) => e.to.includes(order.email) && Boolean(e.html?.includes(linkUrl)))
        emailId = email.id
        assert(email.text?.includes(LINK_MESSAGE), "The email's text does not carry the admin's message")
        await page.goto(`${context.urls.inbox}/${email.id}`)
        await expectText(page.getByTestId("email"), email.subject)
        await screenshot(page, context, "inbox-email")
        // The email as the customer's mail client shows it.
        await page.goto(`${context.urls.inbox}/${email.id}/html`)
        await expectText(page.locator("body"), LINK_MESSAGE)
        await screenshot(page, context, "email", "email")
      },
    },
    {
      name: "the customer pays the rest from the email's link on Stripe Checkout",
      needs: ["the email with the invoice and the link reaches the customer's inbox"],
      run: async (page) => {
        // The email's button leads to the pay page (mail clients open it in the browser, here in this tab).
        await page.goto(`${context.urls.inbox}/${emailId}/html`)
        const button = page.getByRole("link", { name: /^Pay / })
        const href = await button.first().getAttribute("href")
        assert(href === linkUrl, `The email's Pay button leads to ${href}, not to the link the dashboard showed (${linkUrl})`)
        await page.goto(href)
        await expectText(page.getByTestId("amount-due"), PARTIAL.left)
        await screenshot(page, context, "pay-page", "pay-page")

        await page.getByTestId("pay-button").click()
        await page.waitForURL(/\/checkout\/cs_/)
        await expectText(page.getByTestId("checkout-amount"), "150.00")
        const emailField = page.locator("#email")
        if (await emailField.count()) await emailField.fill(order.email)
        await page.locator("#card_number").fill("4242 4242 4242 4242")
        await page.locator("#card_expiry").fill("12 / 34")
        await page.locator("#card_cvc").fill("123")
        await page.locator("#billing_name").fill("Carla Diaz")
        await screenshot(page, context, "checkout")
        await page.getByTestId("pay-button").click()
        await page.waitForURL(/\/stripe-collect\/return\//, { timeout: 60_000 })
        await expectText(page.locator("body"), /thank|paid|received/i)
        await screenshot(page, context, "paid-return-page")
      },
    },
    {
      name: ORDER_PAID,
      needs: ["the customer pays the rest from the email's link on Stripe Checkout"],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await waitForOrder(page, async () => (await card.status.innerText()).trim() === "Captured")
        await expectText(card.outstanding, "$0.00")
        await expectText(card.paid, "Paid $250.00 of $250.00")
        await expectText(card.links, /Paid/)
        const payments = medusaPaymentSection(page)
        await expectText(payments, /\$100\.00/)
        await expectText(payments, /\$150\.00/)
        await card.root.scrollIntoViewIfNeeded()
        await screenshot(page, context, "order-paid", "order-paid")
      },
    },
    {
      name: "the customer's receipt (with its PDF) reaches the inbox; each payment on the order card downloads its receipt",
      needs: ["back in the dashboard the order is paid"],
      run: async (page) => {
        const receipt = await waitForEmail(
          context.urls.sandbox,
          (e) => e.to.includes(order.email) && /^Payment received/.test(e.subject) && e.subject.includes("$150.00")
        )
        assert(receipt.text?.includes("Your order is now paid in full."), "The receipt does not say the order is paid in full")
        assert(receipt.attachments?.[0]?.content_type === "application/pdf", "The receipt email carries no PDF")
        await page.goto(`${context.urls.inbox}/${receipt.id}/html`)
        await expectText(page.locator("body"), "Payment received")
        await screenshot(page, context, "receipt-email", "receipt-email")

        const card = await openOrder(page, context, order.id)
        const downloads = card.activity.getByTestId("stripe-collect-receipt-pdf")
        await waitForOrder(page, async () => (await downloads.count()) >= 1)
        // The link is the dashboard's own session at work: the same request the browser makes on a click.
        const answer = await page.request.get(new URL((await downloads.first().getAttribute("href"))!, page.url()).toString())
        assert(answer.status() === 200, `The receipt download answered ${answer.status()}`)
        assert(answer.headers()["content-type"] === "application/pdf", "The receipt download is not a PDF")
      },
    },
  ]
}
