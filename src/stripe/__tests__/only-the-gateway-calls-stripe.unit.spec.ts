import fs from "fs"
import path from "path"

/**
 * One gateway makes every Stripe call: outside src/stripe/ the SDK may be imported for its types only
 * (`import type Stripe from "stripe"`), never as a value that could build a client or call Stripe.
 */
const SRC = path.resolve(__dirname, "../..")

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : []
  })
}

const VALUE_IMPORT =
  /^\s*import\s+(?!type\b)(?:[^\n;{]*|\{[^}]*\}[^\n;]*)\bfrom\s+["']stripe["']|require\(\s*["']stripe["']\s*\)|import\(\s*["']stripe["']\s*\)/m

describe("the Stripe SDK outside the gateway", () => {
  it("is imported for its types only", () => {
    const files = sourceFiles(SRC).filter((file) => !file.startsWith(path.join(SRC, "stripe") + path.sep))
    expect(files.length).toBeGreaterThan(50)
    const offenders = files.filter((file) => VALUE_IMPORT.test(fs.readFileSync(file, "utf8"))).map((file) => path.relative(SRC, file))
    expect(offenders).toEqual([])
  })

  it("would notice a value import", () => {
    expect(VALUE_IMPORT.test(`import Stripe from "stripe"`)).toBe(true)
    expect(VALUE_IMPORT.test(`import { Stripe } from "stripe"`)).toBe(true)
    expect(VALUE_IMPORT.test(`const Stripe = require("stripe")`)).toBe(true)
    expect(VALUE_IMPORT.test(`import {\n  Stripe,\n} from "stripe"`)).toBe(true)
    expect(VALUE_IMPORT.test(`import type Stripe from "stripe"`)).toBe(false)
    expect(VALUE_IMPORT.test(`import { a } from "./x"\nimport type Stripe from "stripe"`)).toBe(false)
  })
})
