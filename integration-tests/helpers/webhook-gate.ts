import http from "http"
import type { AddressInfo } from "net"

/**
 * What stands between Stripe and a Medusa process in production (a load balancer): it forwards
 * webhook deliveries while the backend is up and answers 503 while it is down, so Stripe retries
 * later — as it does when the only Medusa process has crashed.
 */
export type WebhookGate = {
  url: string
  /** Forward to this origin from now on. */
  open(targetOrigin: string): void
  /** Answer 503 ("no healthy backend") from now on. */
  close(): void
  /** How many deliveries were refused and forwarded so far. */
  counts(): { refused: number; forwarded: number }
  stop(): Promise<void>
}

export async function startWebhookGate(): Promise<WebhookGate> {
  let target: string | null = null
  let refused = 0
  let forwarded = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", async () => {
      if (!target) {
        refused++
        res.writeHead(503, { "content-type": "text/plain" }).end("no healthy backend")
        return
      }
      try {
        const headers: Record<string, string> = {}
        for (const name of ["content-type", "stripe-signature", "user-agent"]) {
          const value = req.headers[name]
          if (typeof value === "string") headers[name] = value
        }
        const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })
        forwarded++
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" })
        res.end(Buffer.from(await answer.arrayBuffer()))
      } catch (error) {
        refused++
        res.writeHead(502, { "content-type": "text/plain" }).end(`backend unreachable: ${(error as Error).message}`)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    open: (origin) => {
      target = origin
    },
    close: () => {
      target = null
    },
    counts: () => ({ refused, forwarded }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
