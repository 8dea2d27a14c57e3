// Decodes Stripe's form encoding (`a[b][0]=x`, `expand[]=y`) into nested objects of strings.

/** A decoded form value: a string, or an object keyed by the bracketed names (arrays stay keyed "0", "1"...). */
export type FormValue = string | FormObject
export interface FormObject {
  [key: string]: FormValue
}

/** Splits `a[b][c]` into ["a", "b", "c"]; `a[]` gives ["a", ""] (an append). */
function splitKey(key: string): string[] {
  const open = key.indexOf("[")
  if (open <= 0) return [key]
  const parts = [key.slice(0, open)]
  const pattern = /\[([^\]]*)\]/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(key.slice(open)))) parts.push(match[1])
  return parts
}

function nextIndex(target: FormObject): string {
  let i = 0
  while (String(i) in target) i++
  return String(i)
}

/** Parses an urlencoded string (body or query) into nested form values; the last duplicate wins. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {}
  if (!encoded) return root
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const parts = splitKey(rawKey)
    let target = root
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] === "" ? nextIndex(target) : parts[i]
      if (i === parts.length - 1) {
        target[part] = value
      } else {
        const existing = target[part]
        if (typeof existing === "object") {
          target = existing
        } else {
          const child: FormObject = {}
          target[part] = child
          target = child
        }
      }
    }
  }
  return root
}
