// The browser tests, in order, in one browser session: log in, connect Stripe in the settings, collect
// payments on an order, charge a new card typed into Stripe's card field on another, refund part of a payment
// and see a disputed one.
import type { E2EContext } from "./lib/context"
import { launchBrowser } from "./lib/browser"
import { logIn } from "./lib/dashboard"
import { screenshot } from "./lib/screenshots"
import { runSteps, type Step, type StepResult } from "./lib/steps"
import { accessibilitySteps } from "./specs/accessibility"
import { bankPaymentSteps } from "./specs/bank-payment"
import { chargeNewCardSteps } from "./specs/charge-new-card"
import { collectPaymentSteps, ORDER_PAID } from "./specs/collect-payments"
import { paymentTermsSteps } from "./specs/payment-terms"
import { refundSteps } from "./specs/refunds"
import { stripeSettingsSteps } from "./specs/stripe-settings"

export type { E2EContext, StepResult }

const LOG_IN = "log in to the dashboard"

export async function runBrowserTests(context: E2EContext, report: (result: StepResult) => void): Promise<StepResult[]> {
  const { browser, context: session } = await launchBrowser()
  try {
    const page = await session.newPage()
    const settings = stripeSettingsSteps(context, LOG_IN)
    const steps: Step[] = [
      {
        name: LOG_IN,
        // The first view of a fresh server waits for Vite to bundle the dashboard.
        timeoutMs: 240_000,
        run: async () => {
          await logIn(page, context)
          await screenshot(page, context, "orders")
        },
      },
      // The store runs with Stripe Connect: nothing can be charged before an account is connected.
      ...settings,
      ...collectPaymentSteps(context, settings[0].name),
      ...chargeNewCardSteps(context, settings[0].name),
      ...paymentTermsSteps(context, settings[0].name),
      // Refunds a part of the order collect-payments paid, and shows a disputed charge on another order.
      ...refundSteps(context, ORDER_PAID, settings[0].name),
      // Last: it switches payment links to every method of the Stripe account.
      ...bankPaymentSteps(context, settings[0].name),
      // axe-core on the plugin's pages and popups (a store of its own order).
      ...accessibilitySteps(context, settings[0].name),
    ]
    return await runSteps(page, context, steps, report)
  } finally {
    await browser.close()
  }
}
