// Public entry point: start a local, stateful Stripe (and Resend) stand-in for tests, the demo and benchmarks.
import { sendEvent } from "./control/send-event"
import { settlePayment } from "./control/settle-payment"
import { DEFAULT_WEBHOOK_SECRET, SandboxServer } from "./server"
import type { RunningSandbox, SandboxOptions } from "./types"

export type {
  ActiveFault,
  FaultRule,
  RequestCounts,
  RequestFilter,
  RunningSandbox,
  SandboxEmail,
  SandboxEvent,
  SandboxEventInput,
  SandboxOptions,
  SandboxRequest,
  WebhookDelivery,
  WebhookFaultRule,
} from "./types"
export { STRIPE_API_VERSION, DEFAULT_WEBHOOK_SECRET } from "./server"
export { signPayload } from "./webhooks/signature"

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1"
  const server = new SandboxServer(options)
  const url = await server.listen(options.port ?? 0, host)
  const port = server.port
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host
  return {
    url,
    port,
    stripe: { host: connectHost, port, protocol: "http" },
    stripeJsUrl: `${(options.publicUrl ?? url).replace(/\/$/, "")}/v3/`,
    resendBaseUrl: url,
    webhookSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
    setWebhookUrl: (target) => server.webhooks.setDefaultUrl(target),
    requests: (filter) => server.requests.all(filter),
    markRequests: () => server.requests.mark(),
    requestCounts: (filter) => server.requests.counts(filter),
    clearRequests: () => server.requests.clear(),
    sendEvent: (input) => sendEvent(server.core, input),
    settlePayment: (intentId, outcome) => settlePayment(server, intentId, outcome),
    emails: () => server.emails.all(),
    addFault: (rule) => server.faults.add(rule),
    clearFaults: () => server.faults.clear(),
    addWebhookFault: (rule) => server.webhooks.addFault(rule),
    webhookDeliveries: () => server.webhooks.deliveries(),
    webhooksSettled: () => server.webhooks.settled(),
    reset: () => server.reset(),
    close: () => server.close(),
  }
}
