// A local HTTP endpoint that records webhook deliveries exactly as received (raw body and headers).
import { createServer, type Server } from "http"
import type { AddressInfo } from "net"

export interface ReceivedWebhook {
  rawBody: string
  signature: string
  userAgent: string
  contentType: string
}

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** Status to answer each delivery with (by 1-based delivery number); default 200. */
  respondWith(status: (n: number) => number): void
  /** Resolves once `count` deliveries arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>
  close(): Promise<void>
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  let statusFor: (n: number) => number = () => 200
  let deliveries = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      deliveries += 1
      const status = statusFor(deliveries)
      received.push({
        rawBody: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["stripe-signature"] ?? ""),
        userAgent: String(req.headers["user-agent"] ?? ""),
        contentType: String(req.headers["content-type"] ?? ""),
      })
      res.writeHead(status, { "Content-Type": "application/json" })
      res.end(JSON.stringify({ received: status < 300 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    respondWith: (fn) => {
      statusFor = fn
    },
    waitFor: async (count, timeoutMs = 5000) => {
      const started = Date.now()
      while (received.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`Expected ${count} webhook deliveries, got ${received.length}`)
        await new Promise((r) => setTimeout(r, 10))
      }
      return received.slice(0, count)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
