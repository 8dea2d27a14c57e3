import type { MedusaResponse } from "@medusajs/framework/http"

/** A PDF download: never cached (it can carry a pay URL), never sniffed as anything else. */
export function sendPdf(res: MedusaResponse, pdf: Buffer, fileName: string) {
  res.status(200)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Referrer-Policy", "no-referrer")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(pdf)
}
