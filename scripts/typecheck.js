#!/usr/bin/env node
// `npm run typecheck`: tsc --noEmit over every TypeScript project of the repository, two at a time;
// each project's errors are printed, and the exit code is 1 when any project has errors.
const { spawn } = require("child_process")
const path = require("path")

const PROJECT_ROOT = path.resolve(__dirname, "..")
const TSC = require.resolve("typescript/bin/tsc", { paths: [PROJECT_ROOT] })
const PROJECTS = [
  // The server's own tsconfig.json plus its unit tests (src/**/__tests__): one pass over src/.
  { name: "server and its unit tests (src)", config: "tsconfig.tests.json" },
  { name: "admin (src/admin)", config: "src/admin/tsconfig.json" },
  { name: "Stripe sandbox", config: "sandbox/tsconfig.json" },
  { name: "browser tests (e2e)", config: "e2e/tsconfig.json" },
  { name: "demo scripts", config: "scripts/demo/tsconfig.json" },
]
// Two cores: more tsc processes at once only make each slower.
const AT_ONCE = 2

function check({ name, config }) {
  const started = Date.now()
  return new Promise((resolve) => {
    let output = ""
    const child = spawn(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", config], { cwd: PROJECT_ROOT })
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("exit", (code, signal) => {
      const ok = code === 0
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      console.log(`${ok ? "ok  " : "FAIL"}  ${name} (${config}, ${seconds} s)${signal ? ` killed by ${signal}` : ""}`)
      if (!ok && output.trim()) console.log(output.trimEnd().replace(/^/gm, "      "))
      resolve(ok)
    })
  })
}

async function main() {
  const queue = [...PROJECTS]
  const results = []
  const worker = async () => {
    for (let project = queue.shift(); project; project = queue.shift()) results.push(await check(project))
  }
  await Promise.all(Array.from({ length: AT_ONCE }, worker))
  process.exit(results.every(Boolean) ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
