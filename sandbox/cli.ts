// `npm run sandbox`: starts the sandbox and prints its URLs. Flags override env (SANDBOX_PORT, SANDBOX_HOST,
// SANDBOX_WEBHOOK_URL, SANDBOX_WEBHOOK_SECRET, SANDBOX_PUBLIC_URL).
import { startSandbox } from "./index"

interface CliOptions {
  port: number
  host: string
  webhookUrl?: string
  webhookSecret?: string
  publicUrl?: string
}

const USAGE = `Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--webhook-url URL] [--webhook-secret whsec_...] [--public-url URL]`

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = {
    port: Number(env.SANDBOX_PORT ?? 4010),
    host: env.SANDBOX_HOST ?? "127.0.0.1",
    webhookUrl: env.SANDBOX_WEBHOOK_URL || undefined,
    webhookSecret: env.SANDBOX_WEBHOOK_SECRET || undefined,
    publicUrl: env.SANDBOX_PUBLIC_URL || undefined,
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2)
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case "--port":
        options.port = Number(value())
        break
      case "--host":
        options.host = value()
        break
      case "--webhook-url":
        options.webhookUrl = value()
        break
      case "--webhook-secret":
        options.webhookSecret = value()
        break
      case "--public-url":
        options.publicUrl = value()
        break
      case "--help":
      case "-h":
        console.log(USAGE)
        process.exit(0)
        break
      default:
        console.error(`Unknown option ${argv[i]}\n${USAGE}`)
        process.exit(2)
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error(`Invalid port: ${options.port}\n${USAGE}`)
    process.exit(2)
  }
  return options
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), process.env)
  const started = Date.now()
  const sandbox = await startSandbox({ ...options, quiet: false })
  const base = options.publicUrl ?? sandbox.url
  console.log(`Stripe sandbox ready in ${Date.now() - started} ms

  Stripe API      ${sandbox.url}   new Stripe(key, { host: "${sandbox.stripe.host}", port: ${sandbox.stripe.port}, protocol: "http" })
                  env: STRIPE_API_HOST=${sandbox.stripe.host} STRIPE_API_PORT=${sandbox.stripe.port} STRIPE_API_PROTOCOL=http STRIPE_API_KEY=sk_test_<anything>
  Stripe.js       ${base}/v3/   Stripe("pk_test_<anything>") with Elements' card field; env: STRIPE_JS_URL=${base}/v3/ STRIPE_PUBLISHABLE_KEY=pk_test_<anything>
  Resend API      ${sandbox.resendBaseUrl}   env: RESEND_BASE_URL=${sandbox.resendBaseUrl} RESEND_API_KEY=re_<anything>
  Webhooks        ${options.webhookUrl ?? "(none; set --webhook-url or SANDBOX_WEBHOOK_URL)"}   secret ${sandbox.webhookSecret}
  Dashboard       ${base}/_sandbox
  Inbox           ${base}/_sandbox/inbox
  Connect OAuth   ${base}/oauth/authorize?response_type=code&client_id=ca_...&scope=read_write&redirect_uri=...
  Control API     ${base}/_sandbox/{reset,requests,faults,webhooks,events,emails}
`)
  const stop = () => {
    void sandbox.close().then(() => process.exit(0))
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
