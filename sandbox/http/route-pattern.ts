// Path templates in OpenAPI style (`/v1/payment_intents/{intent}/confirm`), used to route and to find the spec.

export interface CompiledPattern {
  template: string
  regex: RegExp
  names: string[]
}

export function compilePattern(template: string): CompiledPattern {
  const names: string[] = []
  const source = template
    .split("/")
    .map((segment) => {
      const m = /^\{([^}]+)\}$/.exec(segment)
      if (m) {
        names.push(m[1])
        return "([^/]+)"
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    })
    .join("/")
  return { template, regex: new RegExp(`^${source}/?$`), names }
}

export function matchPattern(pattern: CompiledPattern, path: string): Record<string, string> | null {
  const m = pattern.regex.exec(path)
  if (!m) return null
  const params: Record<string, string> = {}
  pattern.names.forEach((name, i) => {
    params[name] = decodeURIComponent(m[i + 1])
  })
  return params
}
