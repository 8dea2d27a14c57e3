// `@medusajs/test-utils` for the HTTP specs (jest.config.js maps the package name here): the same exports,
// except that medusaIntegrationTestRunner starts each spec file on a copy of the run's migrated template
// database (scripts/lib/template-database.js) instead of an empty one it migrates itself (~10 s a file).
// The runner still checks migrations and links on the copy, so a template that lacks something is caught up.
import { randomBytes } from "crypto"
import { Client } from "pg"
import * as testUtils from "@medusajs/test-utils/dist/index.js"

export * from "@medusajs/test-utils/dist/index.js"

type RunnerOptions = Parameters<typeof testUtils.medusaIntegrationTestRunner>[0]

const TEMPLATE_ENV = "STRIPE_COLLECT_TEST_TEMPLATE_DB"

/** CREATE DATABASE name TEMPLATE template, on the server @medusajs/test-utils uses (DB_* variables). */
async function copyTemplate(template: string, name: string): Promise<void> {
  const client = new Client({
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: "postgres",
  })
  await client.connect()
  try {
    await client.query(`create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)}`)
  } finally {
    await client.end()
  }
}

export function medusaIntegrationTestRunner(options: RunnerOptions) {
  const template = process.env[TEMPLATE_ENV]
  if (!template || options.dbName) return testUtils.medusaIntegrationTestRunner(options)
  // The runner creates its database only when missing, and drops it after the file; so it gets the copy.
  const dbName = `sc_spec_${process.pid}_${randomBytes(4).toString("hex")}`
  beforeAll(() => copyTemplate(template, dbName))
  return testUtils.medusaIntegrationTestRunner({ ...options, dbName })
}
