// Webhook endpoints created through the API; the dispatcher delivers matching events to them.
import type Stripe from "stripe"
import { invalidRequest, parameterMissing, resourceMissing } from "../errors"
import { newId, nowSeconds } from "../ids"
import { paginate } from "../list"
import { mergeMetadata } from "../params"
import { RawResponse, type StripeRoute } from "../route"
import type { Scope } from "../scope"

function findEndpoint(scope: Scope, id: string): Stripe.WebhookEndpoint {
  const endpoint = scope.data.webhookEndpoints.get(id)
  if (!endpoint) throw resourceMissing("webhook_endpoint", id, "webhook_endpoint")
  return endpoint
}

function checkUrl(url: string): void {
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme")
  } catch {
    throw invalidRequest(`Invalid URL: ${url}. URLs must begin with http:// or https://`, { param: "url", code: "url_invalid" })
  }
}

/** The secret is shown only when the endpoint is created, as on Stripe. */
const withoutSecret = (endpoint: Stripe.WebhookEndpoint) => {
  const { secret: _secret, ...rest } = endpoint
  return rest
}

export const webhookEndpointRoutes: StripeRoute[] = [
  {
    method: "POST",
    template: "/v1/webhook_endpoints",
    handler: ({ scope, params }) => {
      const url = params.string("url")
      if (!url) throw parameterMissing("url")
      checkUrl(url)
      const events = params.strings("enabled_events")
      if (events.length === 0) throw parameterMissing("enabled_events")
      const endpoint: Stripe.WebhookEndpoint = {
        id: newId.webhookEndpoint(),
        object: "webhook_endpoint",
        api_version: params.string("api_version") ?? null,
        application: null,
        created: nowSeconds(),
        description: params.string("description") ?? null,
        enabled_events: events,
        livemode: false,
        metadata: mergeMetadata({}, params.metadata()),
        secret: newId.webhookSecret(),
        status: "enabled",
        url,
      }
      scope.data.webhookEndpoints.add(endpoint)
      scope.data.webhookEndpointConnect.set(endpoint.id, params.boolean("connect") === true)
      return { ...endpoint }
    },
  },
  {
    method: "GET",
    template: "/v1/webhook_endpoints/{webhook_endpoint}",
    handler: ({ scope, path }) => withoutSecret(findEndpoint(scope, path.webhook_endpoint)),
  },
  {
    method: "POST",
    template: "/v1/webhook_endpoints/{webhook_endpoint}",
    handler: ({ scope, params, path }) => {
      const endpoint = findEndpoint(scope, path.webhook_endpoint)
      const url = params.string("url")
      if (url) {
        checkUrl(url)
        endpoint.url = url
      }
      const events = params.strings("enabled_events")
      if (events.length) endpoint.enabled_events = events
      if (params.has("disabled")) endpoint.status = params.boolean("disabled") ? "disabled" : "enabled"
      if (params.has("description")) endpoint.description = params.nullableString("description") ?? null
      if (params.has("metadata")) endpoint.metadata = mergeMetadata(endpoint.metadata, params.metadata())
      return withoutSecret(endpoint)
    },
  },
  {
    method: "DELETE",
    template: "/v1/webhook_endpoints/{webhook_endpoint}",
    handler: ({ scope, path }) => {
      const endpoint = findEndpoint(scope, path.webhook_endpoint)
      scope.data.webhookEndpoints.delete(endpoint.id)
      return new RawResponse(200, { id: endpoint.id, object: "webhook_endpoint", deleted: true })
    },
  },
  {
    method: "GET",
    template: "/v1/webhook_endpoints",
    handler: ({ scope, params, url }) => {
      const page = paginate(scope.data.webhookEndpoints.newestFirst(), params, url, "webhook_endpoint")
      return { ...page, data: page.data.map(withoutSecret) }
    },
  },
]
