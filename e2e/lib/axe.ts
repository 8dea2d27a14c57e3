// axe-core in the browser: the serious and critical WCAG violations inside the elements we own.
import { readFileSync } from "fs"
import type { Page } from "playwright-core"

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8")

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/**
 * Runs axe-core (WCAG 2.0–2.2 A/AA rules and best practices) on the page, only inside `include` (CSS
 * selectors), and fails listing every serious or critical violation. The script is evaluated through the
 * browser's debugging protocol, so pages with a strict Content-Security-Policy (the pay page) are checked too.
 */
export async function expectNoSeriousViolations(page: Page, include: string[], what: string, exclude: string[] = []): Promise<void> {
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(
    async ({ include, exclude }) =>
      (
        await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run(
          { include: include.map((s) => [s]), exclude: exclude.map((s) => [s]) },
          { resultTypes: ["violations"] }
        )
      ).violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    { include, exclude }
  )
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical")
  if (serious.length > 0) {
    const lines = serious.flatMap((v) => [
      `${v.impact} ${v.id}: ${v.help}`,
      ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240)}`),
    ])
    throw new Error(`axe-core found ${serious.length} serious or critical violation(s) in ${what}:\n${lines.join("\n")}`)
  }
}
