// A quick throughput check (not a test): start time, then N PaymentIntent creates through the official SDK.
//   node -r ts-node/register/transpile-only sandbox/benchmark.ts [total=2000] [concurrency=20]
import Stripe from "stripe"
import { startSandbox } from "./index"

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 2000)
  const concurrency = Number(process.argv[3] ?? 20)
  const t0 = process.hrtime.bigint()
  const sandbox = await startSandbox({ quiet: true })
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6
  const stripe = new Stripe("sk_test_benchmark", { ...sandbox.stripe, maxNetworkRetries: 0 })
  const create = (i: number) =>
    stripe.paymentIntents.create({
      amount: 1000 + (i % 500),
      currency: "usd",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { n: String(i) },
    })
  // Warm up the connection pool and the JIT.
  await Promise.all(Array.from({ length: concurrency }, (_, i) => create(i)))
  let next = 0
  const started = process.hrtime.bigint()
  const worker = async () => {
    while (next < total) await create(next++)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const confirmStarted = process.hrtime.bigint()
  let confirmed = 0
  const confirmWorker = async () => {
    while (confirmed < total / 4) {
      confirmed++
      await stripe.paymentIntents.create({
        amount: 2000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, confirmWorker))
  const confirmSeconds = Number(process.hrtime.bigint() - confirmStarted) / 1e9
  console.log(`sandbox started in ${startMs.toFixed(0)} ms (first start in this process, includes loading stripe.oas.json)`)
  console.log(
    `${total} PaymentIntent creates, concurrency ${concurrency}: ${seconds.toFixed(2)} s, ${(total / seconds).toFixed(0)} requests/s`
  )
  console.log(
    `${confirmed} create+confirm (charge, 3 events each), concurrency ${concurrency}: ${(confirmed / confirmSeconds).toFixed(0)} requests/s`
  )
  await sandbox.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
