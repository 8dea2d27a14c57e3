// HTML building blocks for the hosted pages, the dashboard and the inbox (no client-side script needed).

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

/** Tagged template that escapes every interpolation unless it is marked safe with `raw()`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

export const raw = (value: string) => new SafeHtml(value)

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof SafeHtml ? v.value : escapeHtml(v))).join("")
      : value instanceof SafeHtml
        ? value.value
        : escapeHtml(value)
    out += rendered + strings[i + 1]
  })
  return new SafeHtml(out)
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1f36;background:#f6f9fc}
main{max-width:960px;margin:0 auto;padding:32px 20px}main.narrow{max-width:480px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:28px 0 8px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(50,50,93,.15),0 1px 0 rgba(0,0,0,.02);padding:24px;margin-bottom:16px}
label{display:block;font-size:13px;color:#3c4257;margin:12px 0 4px}
input{width:100%;padding:10px 12px;font-size:15px;border:1px solid #cfd7df;border-radius:6px}
input:focus{outline:2px solid #635bff;border-color:#635bff}
.row{display:flex;gap:12px}.row>div{flex:1}
button,.button{display:inline-block;width:100%;margin-top:20px;padding:12px;font-size:16px;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer;text-align:center;text-decoration:none}
button.secondary{background:#fff;color:#c0123c;border:1px solid #c0123c}
.error{color:#c0123c;background:#fff1f3;border:1px solid #f7c5cf;border-radius:6px;padding:10px 12px;margin:12px 0}
.muted{color:#697386;font-size:13px}.amount{font-size:30px;font-weight:600;margin:4px 0 16px}
table{width:100%;border-collapse:collapse;background:#fff;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{color:#697386;font-weight:600}code{font:12px ui-monospace,Menlo,monospace}
.badge{display:inline-block;padding:1px 6px;border-radius:4px;font-size:12px;background:#e3e8ee}
.badge.succeeded,.badge.complete,.badge.paid{background:#d7f7c2;color:#05690d}.badge.requires_payment_method,.badge.canceled,.badge.expired{background:#ffe7f2;color:#b3093c}
.test{display:inline-block;background:#ffde92;color:#5e3b00;font-size:12px;font-weight:600;padding:2px 8px;border-radius:4px}
nav a{margin-right:12px}
`

export function page(title: string, body: SafeHtml, options: { narrow?: boolean } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main class="${options.narrow ? "narrow" : ""}">${body.value}</main></body></html>`
}

export const timestamp = (seconds: number) => new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 19)
