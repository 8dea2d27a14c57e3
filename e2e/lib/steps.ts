// A small runner for ordered browser steps: each passes or fails; a step whose prerequisite failed
// fails at once (it cannot pass without it) instead of waiting out its timeouts.
import type { Page } from "playwright-core"
import type { E2EContext } from "./context"
import { screenshot } from "./screenshots"

export type Step = {
  name: string
  /** Names of earlier steps this one builds on. */
  needs?: string[]
  timeoutMs?: number
  run: (page: Page) => Promise<void>
}

export type StepResult = { name: string; passed: boolean; ms: number; error?: string; screenshot?: string }

const DEFAULT_STEP_TIMEOUT_MS = 120_000

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${ms / 1000} s`)), ms)
  })
  // A step that lost the race may still fail later; that failure is already reported as the timeout.
  promise.catch(() => undefined)
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export async function runSteps(
  page: Page,
  context: E2EContext,
  steps: Step[],
  report: (result: StepResult) => void
): Promise<StepResult[]> {
  const results: StepResult[] = []
  for (const step of steps) {
    const began = Date.now()
    const missing = (step.needs ?? []).filter((name) => !results.find((r) => r.name === name)?.passed)
    let result: StepResult
    if (missing.length) {
      result = { name: step.name, passed: false, ms: 0, error: `cannot run: it needs "${missing.join('", "')}", which did not pass` }
    } else {
      try {
        await withTimeout(step.run(page), step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, step.name)
        result = { name: step.name, passed: true, ms: Date.now() - began }
      } catch (error) {
        const shot = await screenshot(page, context, `FAILED-${step.name.replace(/\W+/g, "-").toLowerCase()}`).catch(() => undefined)
        const message = error instanceof Error ? error.message : String(error)
        result = { name: step.name, passed: false, ms: Date.now() - began, error: message, screenshot: shot }
      }
    }
    results.push(result)
    report(result)
  }
  return results
}
