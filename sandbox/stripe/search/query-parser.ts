// Stripe's search query language (https://docs.stripe.com/search#search-query-language), read into clauses.
//
//   query   = clause { (" " | " AND " | " OR ") clause }      AND and OR (any case) never mixed; at most 10 clauses
//   clause  = ["-"] field operator value                     "-" negates
//   field   = name {"." name} | "metadata[" quoted "]"
//   operator= ":" | "~" | ">" | "<" | "=" | ">=" | "<="
//   value   = quoted | number | "null" | "true" | "false"      quoted: '...' or "...", backslash escapes
import { invalidRequest, type StripeApiError } from "../errors"

export type SearchOperator = ":" | "~" | ">" | "<" | "=" | ">=" | "<="

export type SearchValue =
  { kind: "text"; text: string } | { kind: "number"; number: number; text: string } | { kind: "null" } | { kind: "boolean"; value: boolean }

export interface SearchClause {
  negated: boolean
  /** Dotted field name, or "metadata" with `metadataKey`. */
  field: string
  metadataKey?: string
  operator: SearchOperator
  value: SearchValue
}

export interface SearchQuery {
  clauses: SearchClause[]
  /** How clauses combine; a space between clauses means AND. */
  join: "AND" | "OR"
}

/** Stripe answers queries with more clauses than this with a 400. */
export const MAX_CLAUSES = 10

/** Stripe's answer to a query it cannot read. */
export const unparsableQuery = (detail?: string): StripeApiError =>
  invalidRequest(
    `We were unable to parse your search query.${detail ? ` ${detail}` : ""} Try using the format \`metadata["key"]:"value"\` to query for metadata or \`key:"value"\` to query for other fields.`,
    { param: "query" }
  )

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
const NUMBER = /-?\d+(?:\.\d+)?(?![\w.])/y
const BARE_WORD = /[A-Za-z]+(?![\w.])/y
const KEYWORD = /(AND|OR)(?=\s)/iy

/** A cursor over the query text; every read either advances it or throws Stripe's parse error. */
class Reader {
  position = 0

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length
  }

  peek(): string {
    return this.text[this.position] ?? ""
  }

  /** Reads `pattern` (a sticky regex) at the cursor, or returns undefined without moving. */
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position
    const found = pattern.exec(this.text)
    if (!found) return undefined
    this.position += found[0].length
    return found[1] ?? found[0]
  }

  skipSpaces(): boolean {
    const start = this.position
    while (/\s/.test(this.peek())) this.position += 1
    return this.position > start
  }

  fail(what: string): never {
    const near = this.done
      ? "at the end of the query"
      : `at position ${this.position} ('${this.text.slice(this.position, this.position + 20)}')`
    throw unparsableQuery(`Expected ${what} ${near}.`)
  }

  /** A '...' or "..." string; a backslash makes the next character literal (quotes and backslashes). */
  quoted(): string | undefined {
    const quote = this.peek()
    if (quote !== "'" && quote !== '"') return undefined
    let text = ""
    for (let i = this.position + 1; i < this.text.length; i++) {
      const c = this.text[i]
      if (c === "\\") {
        if (i + 1 >= this.text.length) break
        text += this.text[++i]
      } else if (c === quote) {
        this.position = i + 1
        return text
      } else {
        text += c
      }
    }
    return this.fail(`a closing ${quote}`)
  }
}

function readField(reader: Reader): { field: string; metadataKey?: string } {
  const first = reader.match(NAME) ?? reader.fail("a field name")
  if (first === "metadata" && reader.peek() === "[") {
    reader.position += 1
    const key = reader.quoted() ?? reader.fail("a quoted metadata key, as in metadata['key']")
    if (reader.peek() !== "]") reader.fail("']' after the metadata key")
    reader.position += 1
    return { field: "metadata", metadataKey: key }
  }
  const names = [first]
  while (reader.peek() === ".") {
    reader.position += 1
    names.push(reader.match(NAME) ?? reader.fail("a field name after '.'"))
  }
  return { field: names.join(".") }
}

function readOperator(reader: Reader): SearchOperator {
  for (const operator of [">=", "<=", ":", "~", ">", "<", "="] as const) {
    if (reader.text.startsWith(operator, reader.position)) {
      reader.position += operator.length
      return operator
    }
  }
  return reader.fail("an operator (:, ~, >, <, =, >=, <=)")
}

function readValue(reader: Reader): SearchValue {
  const text = reader.quoted()
  if (text !== undefined) return { kind: "text", text }
  const number = reader.match(NUMBER)
  if (number !== undefined) return { kind: "number", number: Number(number), text: number }
  const word = reader.match(BARE_WORD)
  if (word !== undefined) {
    const lower = word.toLowerCase()
    if (lower === "null") return { kind: "null" }
    if (lower === "true" || lower === "false") return { kind: "boolean", value: lower === "true" }
    throw unparsableQuery(`The value ${word} must be quoted, as in '${word}'.`)
  }
  return reader.fail("a value: a quoted string, a number or null")
}

function readClause(reader: Reader): SearchClause {
  const negated = reader.peek() === "-"
  if (negated) reader.position += 1
  const { field, metadataKey } = readField(reader)
  const operator = readOperator(reader)
  const value = readValue(reader)
  return { negated, field, ...(metadataKey !== undefined ? { metadataKey } : {}), operator, value }
}

/** Reads a whole query; anything Stripe would not accept is its 400 invalid_request_error on `query`. */
export function parseSearchQuery(query: string): SearchQuery {
  const reader = new Reader(query.trim())
  if (reader.done) throw unparsableQuery()
  const clauses: SearchClause[] = [readClause(reader)]
  const joins = new Set<"AND" | "OR">()
  while (!reader.done) {
    if (!reader.skipSpaces()) reader.fail("a space between clauses")
    const keyword = reader.match(KEYWORD)
    joins.add(keyword?.toUpperCase() === "OR" ? "OR" : "AND")
    if (keyword !== undefined) reader.skipSpaces()
    clauses.push(readClause(reader))
  }
  if (joins.size > 1)
    throw invalidRequest("Search queries cannot combine AND and OR; use one of them throughout the query.", { param: "query" })
  if (clauses.length > MAX_CLAUSES) {
    throw invalidRequest(`Search queries are limited to ${MAX_CLAUSES} clauses; this one has ${clauses.length}.`, { param: "query" })
  }
  return { clauses, join: joins.has("OR") ? "OR" : "AND" }
}
