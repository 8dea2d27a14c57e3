// Child process: the local Stripe and Resend sandbox (sandbox/), reports its URL over IPC, stops on SIGTERM.
const path = require("path")

require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(__dirname, "../../../sandbox/tsconfig.json") })
const { startSandbox } = require("../../../sandbox")

async function main() {
  const sandbox = await startSandbox({
    port: Number(process.env.STRIPE_COLLECT_SANDBOX_PORT || 0),
    webhookUrl: process.env.STRIPE_COLLECT_SANDBOX_WEBHOOK_URL || undefined,
    webhookSecret: process.env.STRIPE_COLLECT_SANDBOX_WEBHOOK_SECRET || undefined,
    quiet: false,
  })
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    sandbox.close().finally(() => process.exit(0))
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  process.on("disconnect", stop)
  console.log(`Stripe sandbox listening on ${sandbox.url}`)
  process.send({ ready: { url: sandbox.url, port: sandbox.port } })
}

main().catch((error) => {
  console.error(error instanceof Error ? error : `The sandbox could not start: ${String(error)}`)
  process.exit(1)
})
