// Settings → Stripe: the store name, the integration-error and payment-notifications addresses are saved (customer
// receipts on by default), then the merchant
// connects a Stripe account through Connect OAuth (the sandbox's consent page) and sees it connected.
import type { E2EContext } from "../lib/context"
import { expectAttribute, expectText, expectValue } from "../lib/expect"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

const STORE_NAME = "Oak & Iron Workshop"
const ERROR_EMAIL = "alerts@oak-iron.test"
const PAYMENTS_EMAIL = "payments@oak-iron.test"
const STORE_ADDRESS = "12 Timber Yard\nPortland, OR 97201"

export function stripeSettingsSteps(context: E2EContext, after: string): Step[] {
  const settingsUrl = `${context.urls.dashboard}/settings/stripe-collect`
  return [
    {
      name: "Settings → Stripe: save the store name and error email, then connect through Stripe's consent page",
      needs: [after],
      run: async (page) => {
        await page.goto(settingsUrl)
        await page.getByTestId("stripe-collect-settings-form").waitFor({ timeout: 60_000 })
        await expectText(page.getByTestId("stripe-collect-connection"), "Not connected")
        await page.locator("#stripe-collect-store-name").fill(STORE_NAME)
        await page.locator("#stripe-collect-store-address").fill(STORE_ADDRESS)
        await page.locator("#stripe-collect-error-email").fill(ERROR_EMAIL)
        await page.locator("#stripe-collect-payment-notification-email").fill(PAYMENTS_EMAIL)
        // Receipts to customers are on by default.
        await expectAttribute(page.locator("#stripe-collect-customer-receipts"), "aria-checked", "true")
        await screenshot(page, context, "settings-form")
        await page.getByRole("button", { name: "Done" }).click()

        await page.waitForURL(/\/oauth\/authorize/, { timeout: 60_000 })
        await page.getByTestId("oauth-consent").waitFor()
        await page.locator("#business_name").fill(STORE_NAME)
        await screenshot(page, context, "stripe-connect-consent")
        await page.getByTestId("oauth-authorize").click()

        await page.waitForURL(/\/settings\/stripe-collect\?connected=1/, { timeout: 60_000 })
        await page.getByTestId("stripe-collect-connect-success").waitFor()
        await expectText(page.getByTestId("stripe-collect-connection"), "Connected")
        await expectText(page.getByTestId("stripe-collect-account"), new RegExp(`acct_\\w+ "${STORE_NAME}"`))
        await screenshot(page, context, "settings-connected", "settings")
      },
    },
    {
      name: "Settings → Stripe: the saved values are there after a reload",
      needs: ["Settings → Stripe: save the store name and error email, then connect through Stripe's consent page"],
      run: async (page) => {
        await page.goto(settingsUrl)
        await page.getByTestId("stripe-collect-settings-form").waitFor({ timeout: 60_000 })
        await expectValue(page.locator("#stripe-collect-store-name"), STORE_NAME)
        await expectValue(page.locator("#stripe-collect-error-email"), ERROR_EMAIL)
        await expectValue(page.locator("#stripe-collect-payment-notification-email"), PAYMENTS_EMAIL)
        await expectValue(page.locator("#stripe-collect-store-address"), STORE_ADDRESS)
        await expectText(page.getByTestId("stripe-collect-connection"), "Connected")
        await expectAttribute(page.locator("#stripe-collect-customer-receipts"), "aria-checked", "true")
        await page.locator("#stripe-collect-customer-receipts").scrollIntoViewIfNeeded()
        await screenshot(page, context, "settings-notifications", "settings-notifications")
        // Recent changes: who set the store name and address and connected the account, newest first.
        const changes = page.getByTestId("stripe-collect-recent-changes")
        await expectText(changes, /Stripe account\s*\(none\)\s*acct_\w+/)
        await expectText(changes, new RegExp(`Store name\\s*\\(none\\)\\s*${STORE_NAME}`))
        await expectText(changes, new RegExp(`Integration-error address\\s*\\(none\\)\\s*${ERROR_EMAIL}`))
        await expectText(changes, new RegExp(`Payment notification address\\s*\\(none\\)\\s*${PAYMENTS_EMAIL}`))
        await expectText(changes, context.admin.email)
        // "Check Stripe now": nothing was missed on a fresh store, and the merchant is told so.
        await page.getByTestId("stripe-collect-reconcile-button").click()
        await expectText(
          page.locator("[data-sonner-toast]").first(),
          /Checked \d+ unsettled payments? with Stripe: Medusa already had every payment/
        )
        // Connected: Done saves the settings and stays here (no second trip through Stripe's consent page).
        await page.getByRole("button", { name: "Done" }).click()
        await page.locator("[data-sonner-toast]", { hasText: "Settings saved" }).waitFor({ timeout: 30_000 })
        if (!page.url().includes("/settings/stripe-collect")) throw new Error(`Done left the settings page for ${page.url()}`)
      },
    },
  ]
}
