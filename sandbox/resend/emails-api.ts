// The Resend API subset the plugin uses: POST /emails (+ Idempotency-Key), POST /emails/batch, GET /emails[/:id].
import { randomUUID } from "crypto"
import type { IncomingMessage, ServerResponse } from "http"
import { describeFault, type FaultRegistry, sleep } from "../control/faults"
import { sendJson } from "../http/respond"
import type { SandboxAttachment, SandboxEmail } from "../types"
import type { EmailStore } from "./email-store"

/** Resend's error body: `{ statusCode, name, message }`. */
class ResendError extends Error {
  constructor(
    readonly statusCode: number,
    readonly name: string,
    message: string
  ) {
    super(message)
  }
  body() {
    return { statusCode: this.statusCode, name: this.name, message: this.message }
  }
}

const DEFAULT_ERRORS: Record<number, [string, string]> = {
  400: ["invalid_idempotency_key", "The key must be between 1-256 chars."],
  401: ["missing_api_key", "Missing API key in the authorization header."],
  403: ["invalid_api_key", "API key is invalid"],
  404: ["not_found", "The requested endpoint does not exist."],
  409: ["concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."],
  422: ["validation_error", "Invalid request (injected by the sandbox)."],
  429: [
    "rate_limit_exceeded",
    "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.",
  ],
  500: ["internal_server_error", "An unexpected error occurred."],
}

const ADDRESS = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/

function list(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  for (const item of items) {
    if (typeof item !== "string" || !ADDRESS.test(item.trim())) {
      throw new ResendError(
        422,
        "validation_error",
        `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`
      )
    }
  }
  return items.map((i) => String(i).trim())
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

// Resend's limit: 40 MB per email after base64 encoding.
const ATTACHMENTS_LIMIT = 40 * 1024 * 1024
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const TYPES: Record<string, string> = { pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", txt: "text/plain", csv: "text/csv" }

function parseAttachments(value: unknown): SandboxAttachment[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new ResendError(422, "validation_error", "The `attachments` field must be an array.")
  const attachments = value.map((item) => {
    if (!isRecord(item) || typeof item.filename !== "string" || !item.filename)
      throw new ResendError(422, "validation_error", "Each attachment needs a `filename`.")
    // The sandbox has no internet: an attachment by `path` (a URL Resend would fetch) cannot be kept.
    if (item.path !== undefined)
      throw new ResendError(422, "validation_error", "The sandbox keeps only attachments given as `content`, not `path`.")
    if (typeof item.content !== "string" || !item.content.length || !BASE64.test(item.content.replace(/\s+/g, "")))
      throw new ResendError(422, "validation_error", "Each attachment needs base64 `content`.")
    const extension = item.filename.split(".").pop()?.toLowerCase() ?? ""
    const contentType =
      typeof item.content_type === "string" && item.content_type ? item.content_type : (TYPES[extension] ?? "application/octet-stream")
    return { filename: item.filename, content: item.content.replace(/\s+/g, ""), content_type: contentType }
  })
  if (attachments.reduce((sum, a) => sum + a.content.length, 0) > ATTACHMENTS_LIMIT)
    throw new ResendError(422, "validation_error", "Attachments exceed the 40MB limit.")
  return attachments
}

function parseEmail(payload: unknown, idempotencyKey: string | null): SandboxEmail {
  if (!isRecord(payload)) throw new ResendError(422, "validation_error", "The request body must be a JSON object.")
  if (typeof payload.from !== "string" || !payload.from) throw new ResendError(422, "missing_required_field", "Missing `from` field.")
  const from = list(payload.from, "from")[0]
  const to = list(payload.to, "to")
  if (to.length === 0) throw new ResendError(422, "missing_required_field", "Missing `to` field.")
  if (to.length > 50) throw new ResendError(422, "validation_error", "Too many recipients in `to`. The maximum is 50.")
  if (typeof payload.subject !== "string" || !payload.subject)
    throw new ResendError(422, "missing_required_field", "Missing `subject` field.")
  const htmlBody = typeof payload.html === "string" ? payload.html : null
  const text = typeof payload.text === "string" ? payload.text : null
  if (htmlBody === null && text === null && !isRecord(payload.template))
    throw new ResendError(422, "validation_error", "Missing `html` or `text` field.")
  const tags = Array.isArray(payload.tags) ? payload.tags : []
  const parsedTags = tags.map((tag) => {
    if (
      !isRecord(tag) ||
      typeof tag.name !== "string" ||
      typeof tag.value !== "string" ||
      !/^[A-Za-z0-9_-]{1,256}$/.test(tag.name) ||
      !/^[A-Za-z0-9_-]{1,256}$/.test(tag.value)
    ) {
      throw new ResendError(422, "validation_error", "Tags should only contain ASCII letters, numbers, underscores, or dashes.")
    }
    return { name: tag.name, value: tag.value }
  })
  const headers: Record<string, string> = {}
  if (isRecord(payload.headers)) for (const [k, v] of Object.entries(payload.headers)) headers[k] = String(v)
  return {
    id: randomUUID(),
    from,
    to,
    cc: list(payload.cc, "cc"),
    bcc: list(payload.bcc, "bcc"),
    reply_to: list(payload.reply_to, "reply_to"),
    subject: payload.subject,
    html: htmlBody,
    text,
    tags: parsedTags,
    headers,
    attachments: parseAttachments(payload.attachments),
    idempotencyKey,
    created_at: new Date().toISOString(),
  }
}

/** The email as GET /emails/:id returns it. */
export function emailResource(email: SandboxEmail) {
  return {
    object: "email",
    id: email.id,
    to: email.to,
    from: email.from,
    created_at: email.created_at,
    subject: email.subject,
    html: email.html,
    text: email.text,
    bcc: email.bcc.length ? email.bcc : null,
    cc: email.cc.length ? email.cc : null,
    reply_to: email.reply_to.length ? email.reply_to : null,
    last_event: "delivered",
    scheduled_at: null,
    tags: email.tags,
    attachments: email.attachments.map((a, index) => ({
      id: String(index),
      filename: a.filename,
      content_type: a.content_type,
      size: Buffer.from(a.content, "base64").length,
    })),
  }
}

export class ResendApi {
  constructor(
    private readonly store: EmailStore,
    private readonly faults: FaultRegistry
  ) {}

  static owns(pathname: string): boolean {
    return pathname === "/emails" || pathname.startsWith("/emails/")
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string, body: string): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase()
    const fault = this.faults.take(method, pathname, null)
    if (fault) {
      if (fault.latencyMs) await sleep(fault.latencyMs)
      if (fault.dropConnection) {
        req.socket.destroy()
        return
      }
      if (fault.status) {
        const [name, message] = DEFAULT_ERRORS[fault.status] ?? ["application_error", `Injected ${describeFault(fault)}`]
        sendJson(res, fault.status, { statusCode: fault.status, name, message, ...(fault.error ?? {}) })
        return
      }
    }
    let status = 200
    let result: unknown
    try {
      result = this.process(req, method, pathname, body)
    } catch (error) {
      if (!(error instanceof ResendError)) throw error
      status = error.statusCode
      result = error.body()
    }
    if (fault?.timeoutAfterProcessing) {
      req.socket.destroy()
      return
    }
    sendJson(res, status, result)
  }

  private authenticate(req: IncomingMessage): void {
    const header = req.headers.authorization
    const key = header && /^Bearer\s+(.+)$/i.exec(header)?.[1]
    if (!key)
      throw new ResendError(
        401,
        "missing_api_key",
        "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY"
      )
    if (!/^re_\w+$/.test(key)) throw new ResendError(403, "invalid_api_key", "API key is invalid")
  }

  private process(req: IncomingMessage, method: string, pathname: string, body: string): unknown {
    this.authenticate(req)
    let payload: unknown
    if (method === "POST") {
      try {
        payload = body.trim() ? JSON.parse(body) : {}
      } catch {
        throw new ResendError(422, "validation_error", "The request body is not valid JSON.")
      }
    }
    if (method === "POST" && pathname === "/emails")
      return this.send(req, payload, (p, key) => ({ id: this.store.addAndId(parseEmail(p, key)) }))
    if (method === "POST" && pathname === "/emails/batch") {
      if (!Array.isArray(payload)) throw new ResendError(422, "validation_error", "The batch body must be an array of emails.")
      if (payload.length > 100) throw new ResendError(422, "validation_error", "Too many emails in the batch. The maximum is 100.")
      return this.send(req, payload, (p, key) => {
        const emails = (Array.isArray(p) ? p : []).map((item) => parseEmail(item, key))
        return { data: emails.map((e) => ({ id: this.store.addAndId(e) })) }
      })
    }
    if (method === "GET" && pathname === "/emails") {
      const data = this.store.all().reverse().map(emailResource)
      return { object: "list", has_more: false, data }
    }
    const one = /^\/emails\/([^/]+)$/.exec(pathname)
    if (method === "GET" && one) {
      if (!/^[0-9a-f-]{36}$/i.test(one[1])) throw new ResendError(422, "validation_error", "The `id` must be a valid UUID.")
      const email = this.store.get(one[1])
      if (!email) throw new ResendError(404, "not_found", "Email not found")
      return emailResource(email)
    }
    throw new ResendError(404, "not_found", "The requested endpoint does not exist.")
  }

  /** Idempotency-Key: the same key and payload return the first answer; another payload is a 409. */
  private send(
    req: IncomingMessage,
    payload: unknown,
    create: (payload: unknown, key: string | null) => { id: string } | { data: { id: string }[] }
  ): unknown {
    const header = req.headers["idempotency-key"]
    const key = typeof header === "string" ? header : null
    if (key === null) return create(payload, null)
    if (key.length < 1 || key.length > 256) throw new ResendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.")
    const fingerprint = JSON.stringify(payload)
    const existing = this.store.idempotency.get(key)
    if (existing && Date.now() - existing.createdAt < 24 * 3600 * 1000) {
      if (existing.inProgress)
        throw new ResendError(
          409,
          "concurrent_idempotent_requests",
          "Same idempotency key used while original request is still in progress."
        )
      if (existing.fingerprint !== fingerprint) {
        throw new ResendError(
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload. Change your idempotency key or payload."
        )
      }
      return existing.ids.length === 1 && !Array.isArray(payload) ? { id: existing.ids[0] } : { data: existing.ids.map((id) => ({ id })) }
    }
    const record = { fingerprint, inProgress: true, ids: [] as string[], createdAt: Date.now() }
    this.store.idempotency.set(key, record)
    try {
      const result = create(payload, key)
      record.ids = "id" in result ? [result.id] : result.data.map((d) => d.id)
      record.inProgress = false
      return result
    } catch (error) {
      this.store.idempotency.delete(key)
      throw error
    }
  }
}
