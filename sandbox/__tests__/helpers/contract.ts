// Where the contract suite runs: the local sandbox (default), or real Stripe test mode with STRIPE_CONTRACT_KEY.
import Stripe from "stripe"
import { startSandbox, type RunningSandbox } from "../../index"

export const CONTRACT_KEY = process.env.STRIPE_CONTRACT_KEY
/** True when the suite talks to api.stripe.com instead of the sandbox. */
export const AGAINST_STRIPE = Boolean(CONTRACT_KEY)
export const SANDBOX_KEY = "sk_test_stripe_collect_sandbox"

if (CONTRACT_KEY && !CONTRACT_KEY.startsWith("sk_test_")) {
  throw new Error("STRIPE_CONTRACT_KEY must be a test-mode secret key (sk_test_...)")
}

/**
 * `it` for behaviour only the sandbox has (its control API, hosted pages driven over plain HTTP, webhooks
 * delivered to localhost, Connect OAuth with a made-up platform). Against real Stripe these are skipped, with the reason printed.
 */
export const itSandboxOnly: jest.It = AGAINST_STRIPE ? it.skip : it

// Printed once per spec file, when it loads, so the mode (and why tests are skipped) shows in every run.
function announce(): void {
  console.log(
    AGAINST_STRIPE
      ? "Contract suite: running against REAL Stripe test mode (STRIPE_CONTRACT_KEY); sandbox-only tests are skipped."
      : "Contract suite: running against the local sandbox (set STRIPE_CONTRACT_KEY=sk_test_... to run it against Stripe)."
  )
}

announce()

export interface ContractTarget {
  /** Official SDK, no retries, so every call is counted once. */
  stripe: Stripe
  /** Builds another client for the same target (other key, Stripe-Account...). */
  client(key?: string, config?: Stripe.StripeConfig): Stripe
  /** Base URL of the API: the sandbox's, or https://api.stripe.com (for plain-HTTP checks). */
  apiBase: string
  /** The sandbox; throws in real-Stripe mode (use it only inside itSandboxOnly). */
  sandbox(): RunningSandbox
}

/** Starts the target in beforeAll and stops it in afterAll; call at the top level of a spec file. */
export function useContractTarget(): () => ContractTarget {
  let target: ContractTarget | undefined
  let running: RunningSandbox | undefined

  beforeAll(async () => {
    if (!AGAINST_STRIPE) running = await startSandbox({ port: 0, webhookRetryDelaysMs: [50, 100, 200], refundSettleDelayMs: 500 })
    const client = (key?: string, config: Stripe.StripeConfig = {}) =>
      new Stripe(key ?? CONTRACT_KEY ?? SANDBOX_KEY, { maxNetworkRetries: 0, ...(running ? running.stripe : {}), ...config })
    target = {
      stripe: client(),
      client,
      apiBase: running ? running.url : "https://api.stripe.com",
      sandbox: () => {
        if (!running) throw new Error("This test needs the sandbox; wrap it in itSandboxOnly")
        return running
      },
    }
  })

  afterAll(async () => {
    await running?.close()
  })

  return () => {
    if (!target) throw new Error("The contract target starts in beforeAll")
    return target
  }
}

/** Runs `call` and returns the error it throws (failing the test if it does not throw). */
export async function failure(call: () => Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call()
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error
    throw error
  }
  throw new Error("Expected the call to fail, but it succeeded")
}

/** A card PaymentIntent confirmed server-side without redirects (the shape the plugin uses). */
export function cardIntent(params: Partial<Stripe.PaymentIntentCreateParams> = {}): Stripe.PaymentIntentCreateParams {
  return { amount: 2000, currency: "usd", allowed_payment_method_types: ["card"], ...params }
}
