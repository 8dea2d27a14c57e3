// The `npm run sandbox` entry point: starts from flags/env, prints its URLs, serves, stops on SIGTERM.
import { spawn, type ChildProcess } from "child_process"
import path from "path"
import { itSandboxOnly } from "./helpers/contract"

const ROOT = path.resolve(__dirname, "../..")

function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "sandbox/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  })
  let text = ""
  const output = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The CLI did not start:\n${text}`)), 20_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes("Control API")) {
        clearTimeout(timer)
        resolve(text)
      }
    })
    child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()))
    child.on("exit", (code) => reject(new Error(`The CLI exited (${code}):\n${text}`)))
  })
  return { child, output }
}

describe("sandbox CLI", () => {
  itSandboxOnly(
    "starts on the port and webhook URL given, prints its URLs and stops on SIGTERM",
    async () => {
      const { child, output } = startCli(["--port", "0"], { SANDBOX_WEBHOOK_URL: "http://127.0.0.1:9/hooks/stripe" })
      try {
        const text = await output
        const url = /Stripe API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
        expect(url).toBeDefined()
        expect(text).toContain("http://127.0.0.1:9/hooks/stripe")
        expect(text).toContain(`${url}/_sandbox/inbox`)
        const health = await fetch(`${url}/_sandbox/health`)
        expect(await health.json()).toMatchObject({ ok: true, url })
        const exited = new Promise<number | null>((resolve) => child.on("exit", resolve))
        child.kill("SIGTERM")
        expect(await exited).toBe(0)
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL")
      }
    },
    30_000
  )

  itSandboxOnly(
    "refuses an unknown flag",
    async () => {
      const { child, output } = startCli(["--colour", "red"], {})
      await expect(output).rejects.toThrow(/Unknown option --colour/)
      expect(child.exitCode).toBe(2)
    },
    30_000
  )
})
