import { startSandbox, type RunningSandbox } from "../../sandbox"

export const SANDBOX_API_KEY = "sk_test_stripe_collect_sandbox"
export const SANDBOX_WEBHOOK_SECRET = "whsec_stripe_collect_sandbox_secret"
export const SANDBOX_RESEND_KEY = "re_stripe_collect_sandbox"

/**
 * Starts the local Stripe (and Resend) sandbox for one spec file. Call at the top level of the
 * file, before medusaIntegrationTestRunner, so the env vars exist when medusa-config.ts loads.
 */
export function useSandbox(): { current: () => RunningSandbox } {
  let sandbox: RunningSandbox | undefined
  const saved: Record<string, string | undefined> = {}
  const set = (key: string, value: string) => {
    if (!(key in saved)) saved[key] = process.env[key]
    process.env[key] = value
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, webhookSecret: SANDBOX_WEBHOOK_SECRET })
    set("STRIPE_API_KEY", SANDBOX_API_KEY)
    set("STRIPE_WEBHOOK_SECRET", SANDBOX_WEBHOOK_SECRET)
    set("STRIPE_API_HOST", sandbox.stripe.host)
    set("STRIPE_API_PORT", String(sandbox.stripe.port))
    set("STRIPE_API_PROTOCOL", sandbox.stripe.protocol)
    set("RESEND_API_KEY", SANDBOX_RESEND_KEY)
    set("RESEND_BASE_URL", sandbox.resendBaseUrl)
  })

  afterAll(async () => {
    await sandbox?.close()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  return {
    current: () => {
      if (!sandbox) throw new Error("The sandbox starts in beforeAll; use it inside a test or hook")
      return sandbox
    },
  }
}
