import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The plugin's own development app: tests, the demo and `medusa develop` run the code in ./src.
// Medusa loads ./src (api, subscribers, jobs, links, workflows, admin) as this app's own code;
// the module and the providers are registered here exactly as an installing app registers them.
// Without STRIPE_API_KEY the app talks to the local Stripe sandbox (`npm run sandbox`), never to Stripe.
const usingSandbox = !process.env.STRIPE_API_KEY
const stripeApiBase = process.env.STRIPE_API_HOST
  ? {
      host: process.env.STRIPE_API_HOST,
      port: process.env.STRIPE_API_PORT ? Number(process.env.STRIPE_API_PORT) : undefined,
      protocol: (process.env.STRIPE_API_PROTOCOL as "http" | "https" | undefined) ?? "http",
    }
  : usingSandbox
    ? { host: "127.0.0.1", port: Number(process.env.SANDBOX_PORT ?? 12111), protocol: "http" as const }
    : undefined
// "New card" in Charge card loads Stripe.js with the publishable key (neither is a secret). A Stripe
// stand-in (the sandbox) takes any pk_test_ key and serves its own Stripe.js at /v3/.
const stripeStandIn = stripeApiBase
  ? `${stripeApiBase.protocol}://${stripeApiBase.host}${stripeApiBase.port ? `:${stripeApiBase.port}` : ""}`
  : undefined
const stripePublishableKey = process.env.STRIPE_PUBLISHABLE_KEY || (stripeStandIn ? "pk_test_stripe_collect_sandbox" : undefined)
const stripeJsUrl = process.env.STRIPE_JS_URL || (stripeStandIn ? `${stripeStandIn}/v3/` : undefined)

// With REDIS_URL, events, workflows and locks go through Redis, so several Medusa processes (a
// `server` and a `worker`, MEDUSA_WORKER_MODE) share one queue, one workflow engine and one lock.
const redisUrl = process.env.REDIS_URL
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
        },
      },
    ]
  : []

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") ?? "shared",
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS ?? "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_DISABLE_ADMIN === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL,
  },
  modules: [
    {
      resolve: "./src/modules/stripe-collect",
      options: {},
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/stripe-collect",
            id: "default",
            options: {
              apiKey: process.env.STRIPE_API_KEY ?? "sk_test_stripe_collect_sandbox",
              webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_stripe_collect_sandbox_secret",
              apiBase: stripeApiBase,
              // Stripe Connect OAuth (settings page): the platform's client id; unset = the API key's own account.
              connect: process.env.STRIPE_CONNECT_CLIENT_ID ? { clientId: process.env.STRIPE_CONNECT_CLIENT_ID } : undefined,
              multicapture: process.env.STRIPE_MULTICAPTURE === "true",
              // Stripe enabled MOTO on the account: Charge card offers "Mail/phone order" for typed cards.
              moto: process.env.STRIPE_MOTO === "true",
              publishableKey: stripePublishableKey,
              stripeJsUrl,
            },
          },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        // Without a Resend key, emails go to the local sandbox's inbox when Stripe does, else to the log.
        providers: [
          process.env.RESEND_API_KEY || usingSandbox
            ? {
                resolve: "./src/providers/resend",
                id: "resend",
                options: {
                  channels: ["email"],
                  api_key: process.env.RESEND_API_KEY ?? "re_stripe_collect_sandbox",
                  from: process.env.RESEND_FROM ?? "Store <payments@stripe-collect.test>",
                  baseUrl:
                    process.env.RESEND_BASE_URL ??
                    (process.env.RESEND_API_KEY ? undefined : `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 12111}`),
                },
              }
            : {
                resolve: "@medusajs/medusa/notification-local",
                id: "local",
                options: { channels: ["email"] },
              },
        ],
      },
    },
    ...redisModules,
    // Medusa's RBAC, as the README's Permissions section tells a merchant to turn it on: MEDUSA_FF_RBAC=true
    // alone leaves the RBAC module disabled in 2.21.2 (defineConfig decides it before the flag is read).
    ...(process.env.MEDUSA_FF_RBAC === "true" ? [{ resolve: "@medusajs/medusa/rbac" }] : []),
  ],
})
