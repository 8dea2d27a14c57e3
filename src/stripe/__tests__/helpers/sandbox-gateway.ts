// A real gateway over HTTP against the local sandbox, for the gateway's own unit specs.
import { startSandbox, type RunningSandbox, type SandboxRequest } from "../../../../sandbox"
import { createStripeGateway, type StripeGatewaySettings } from "../../stripe-gateway"
import type { StripeGateway } from "../../gateway"

export const SANDBOX_API_KEY = "sk_test_stripe_collect_sandbox"
export const SANDBOX_WEBHOOK_SECRET = "whsec_stripe_collect_gateway_spec"

export type GatewayUnderTest = {
  gateway: StripeGateway
  /** Every wait the retry policy asked for, in ms. */
  waits: number[]
}

export type SandboxGateways = {
  sandbox: () => RunningSandbox
  /** A gateway on the sandbox whose waits are recorded (and skipped unless `sleep` is given). */
  gateway: (settings?: Partial<StripeGatewaySettings>) => GatewayUnderTest
  /** The sandbox's log of one endpoint, oldest first. */
  requestsTo: (method: string, path: string | RegExp) => SandboxRequest[]
}

/** Starts a sandbox for the spec file (beforeAll) and clears its state and faults before each test. */
export function useSandboxGateways(): SandboxGateways {
  let running: RunningSandbox | undefined
  const sandbox = () => {
    if (!running) throw new Error("The sandbox starts in beforeAll")
    return running
  }

  beforeAll(async () => {
    running = await startSandbox({ port: 0, webhookSecret: SANDBOX_WEBHOOK_SECRET, quiet: true })
  })
  afterAll(async () => {
    await running?.close()
  })
  beforeEach(() => {
    sandbox().reset()
  })

  return {
    sandbox,
    gateway: (settings = {}) => {
      const waits: number[] = []
      const gateway = createStripeGateway({
        apiKey: SANDBOX_API_KEY,
        webhookSecret: SANDBOX_WEBHOOK_SECRET,
        apiBase: sandbox().stripe,
        timeout: 5_000,
        ...settings,
        sleep: async (ms) => {
          waits.push(ms)
          await settings.sleep?.(ms)
        },
      })
      return { gateway, waits }
    },
    requestsTo: (method, path) =>
      sandbox()
        .requests()
        .filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path))),
  }
}

/** A card payment Stripe accepts with a server-side confirm (no redirect methods). */
export const cardPayment = (amount = 2_000, metadata: Record<string, string> = {}) => ({
  amount,
  currency: "usd",
  allowed_payment_method_types: ["card"],
  payment_method: "pm_card_visa",
  metadata,
})

/** The error a promise rejects with (the test fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("Expected the call to fail, but it succeeded")
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
