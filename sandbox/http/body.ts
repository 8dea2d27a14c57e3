// Reads a request body fully (bodies here are small forms and JSON documents).
import type { IncomingMessage } from "http"

const MAX_BODY_BYTES = 5 * 1024 * 1024

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error("Request body too large"))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

/** A JSON body, or `undefined` when it is empty; throws SyntaxError on malformed JSON. */
export function parseJsonBody(text: string): unknown {
  return text.trim() === "" ? undefined : JSON.parse(text)
}
