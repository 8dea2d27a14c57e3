// Payment terms and the overdue follow-up: the link popup offers terms and shows the due date; once the due day
// has ended in the store's time zone the link is Overdue on the order card and on Orders → Payment links.
// The clock is the store's time zone: a link due on receipt in Pago Pago (UTC-11) is a day or more overdue once the
// store moves to Kiritimati (UTC+14) — always, whatever the hour the test runs.
import type { Page } from "playwright-core"
import { seededOrder, type E2EContext } from "../lib/context"
import { openOrder, waitForPopupSuccess } from "../lib/dashboard"
import { expectText } from "../lib/expect"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

const ORDER_KEY = "usd-bea-2-tables"
const SEND_WITH_TERMS = "the link popup offers payment terms and shows the due date they give"
const OVERDUE_ON_CARD = "past its due day in the store's time zone, the link is Overdue on the order card"

/** Settings → Stripe → Due dates and reminders: saves the store's time zone. */
async function setStoreTimeZone(page: Page, context: E2EContext, zone: string) {
  await page.goto(`${context.urls.dashboard}/settings/stripe-collect`)
  const section = page.getByTestId("stripe-collect-reminders")
  await section.waitFor({ timeout: 60_000 })
  await section.getByTestId("stripe-collect-time-zone").fill(zone)
  await section.getByTestId("stripe-collect-reminders-save").click()
  await expectText(page.locator("[data-sonner-toast]").first(), new RegExp(`in ${zone.replace("/", "\\/")}`))
  return section
}

export function paymentTermsSteps(context: E2EContext, after: string): Step[] {
  const order = seededOrder(context, ORDER_KEY)
  return [
    {
      name: SEND_WITH_TERMS,
      needs: [after],
      run: async (page) => {
        const section = await setStoreTimeZone(page, context, "Pacific/Pago_Pago")
        await section.scrollIntoViewIfNeeded()
        await screenshot(page, context, "settings-reminders", "settings-reminders")

        const card = await openOrder(page, context, order.id)
        await card.linkButton.click()
        const popup = page.getByTestId("stripe-collect-link-popup")
        await popup.waitFor()
        await popup.getByTestId("stripe-collect-link-amount").fill("50")
        await expectText(popup.getByTestId("stripe-collect-link-due-hint"), /^Due /)
        await popup.getByTestId("stripe-collect-link-terms").click()
        await page.getByTestId("stripe-collect-link-terms-net_30").click()
        await expectText(popup.getByTestId("stripe-collect-link-terms"), "Net 30")
        await expectText(popup.getByTestId("stripe-collect-link-due-hint"), /Due \w+ \d+, \d{4} \(Pacific\/Pago_Pago\)/)
        await popup.getByTestId("stripe-collect-link-due-hint").scrollIntoViewIfNeeded()
        await screenshot(page, context, "link-popup-terms", "link-popup-terms")
        // This one goes out due on receipt, so it can be overdue by the next step.
        await popup.getByTestId("stripe-collect-link-terms").click()
        await page.getByTestId("stripe-collect-link-terms-due_on_receipt").click()
        await popup.getByTestId("stripe-collect-link-submit").click()
        await waitForPopupSuccess(popup, "stripe-collect-link-sent", "stripe-collect-link-error")
        await popup.getByRole("button", { name: "Done" }).click()
        await popup.waitFor({ state: "hidden" })
        await expectText(card.links, /Due \w+ \d+, \d{4} · Due on receipt/)
      },
    },
    {
      name: OVERDUE_ON_CARD,
      needs: [SEND_WITH_TERMS],
      run: async (page) => {
        await setStoreTimeZone(page, context, "Pacific/Kiritimati")
        const card = await openOrder(page, context, order.id)
        await expectText(card.links, "Overdue")
        await expectText(card.links, /[12] days? overdue/)
        await card.links.scrollIntoViewIfNeeded()
        await screenshot(page, context, "order-link-overdue", "order-link-overdue")
        // Send reminder: the same invoice now.
        const remind = card.links.getByRole("button", { name: "Send reminder" })
        await remind.first().click()
        await expectText(page.locator("[data-sonner-toast]").first(), /Reminder sent/)
        await expectText(card.activity, /Reminder emailed to/)
      },
    },
    {
      name: "Orders → Payment links lists the overdue link with its amount due, due date and age",
      needs: [OVERDUE_ON_CARD],
      run: async (page) => {
        await page.goto(`${context.urls.dashboard}/orders`)
        await page.getByRole("link", { name: "Payment links" }).first().click()
        await page.waitForURL(/\/stripe-collect\/payment-links/)
        const list = page.getByTestId("stripe-collect-payment-links-page")
        await list.waitFor({ timeout: 60_000 })
        await list.getByTestId("stripe-collect-payment-links-filter").click()
        await page.getByTestId("stripe-collect-payment-links-filter-overdue").click()
        await expectText(list, `#${order.display_id}`)
        await expectText(list, /\$50\.00/)
        await expectText(list, /[12] days? overdue/)
        await expectText(list, /Overdue/)
        await screenshot(page, context, "payment-links-page", "payment-links-page")
        // Nothing is paid yet in this filter's terms: the Paid filter shows the empty state or other orders only.
        await list.getByTestId("stripe-collect-payment-links-filter").click()
        await page.getByTestId("stripe-collect-payment-links-filter-processing").click()
        await list.getByTestId("stripe-collect-payment-links-empty").waitFor({ timeout: 30_000 })
        await setStoreTimeZone(page, context, "UTC")
      },
    },
  ]
}
