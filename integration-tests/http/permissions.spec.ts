import jwt from "jsonwebtoken"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

// Medusa's RBAC, on for this file only, exactly as the README's Permissions section says: MEDUSA_FF_RBAC=true
// and the RBAC module in medusa-config's modules (medusa-config.ts adds it when the variable is "true").
const savedFlag = process.env.MEDUSA_FF_RBAC
process.env.MEDUSA_FF_RBAC = "true"
afterAll(() => {
  if (savedFlag === undefined) delete process.env.MEDUSA_FF_RBAC
  else process.env.MEDUSA_FF_RBAC = savedFlag
})

useSandbox()

type RbacService = {
  listRbacPolicies(filters: Record<string, unknown>): Promise<{ id: string; key: string; resource: string; operation: string }[]>
  createRbacRoles(data: { name: string }): Promise<{ id: string }>
  createRbacRolePolicies(data: { role_id: string; policy_id: string }[]): Promise<unknown>
}

/** An admin whose token carries `roles` (as Medusa's login puts a user's RBAC roles into it). */
async function adminWithRoles(container: MedusaContainer, email: string, roles: string[]) {
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Sam", last_name: "Staff" })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = jwt.sign(
    { actor_id: user.id, actor_type: "user", auth_identity_id: `authid_${user.id}`, app_metadata: { user_id: user.id, roles } },
    config.projectConfig.http.jwtSecret as string,
    { expiresIn: "1h" }
  )
  return { authorization: `Bearer ${token}` }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const rbac = () => getContainer().resolve<RbacService>(Modules.RBAC)

    /** A role granting exactly these stripe_collect operations. */
    const roleWith = async (name: string, operations: string[]) => {
      const role = await rbac().createRbacRoles({ name })
      const policies = await rbac().listRbacPolicies({ resource: "stripe_collect" })
      const chosen = policies.filter((p) => operations.includes(p.operation))
      expect(chosen).toHaveLength(operations.length)
      await rbac().createRbacRolePolicies(chosen.map((p) => ({ role_id: role.id, policy_id: p.id })))
      return role.id
    }

    it("declares the plugin's permissions in Medusa's RBAC: read, charge, refund, send_link, manage_settings", async () => {
      const policies = await rbac().listRbacPolicies({ resource: "stripe_collect" })
      expect(policies.map((p) => p.key).sort()).toEqual([
        "stripe_collect:charge",
        "stripe_collect:manage_settings",
        "stripe_collect:read",
        "stripe_collect:refund",
        "stripe_collect:send_link",
      ])
    })

    it("a role without charge reads the order (200) but is refused a charge (403), and is told what it may do", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 40 })
      const headers = await adminWithRoles(getContainer(), "reader@example.test", [await roleWith("Order viewer", ["read"])])

      const read = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      expect(read.status).toBe(200)
      expect(read.data.permissions).toEqual({ read: true, charge: false, refund: false, send_link: false, manage_settings: false })

      const charge = await api
        .post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: 10, payment_method: "pm_card_visa" }, { headers })
        .catch((e: any) => e.response)
      expect(charge.status).toBe(403)
      const link = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, {}, { headers }).catch((e: any) => e.response)
      expect(link.status).toBe(403)
      const refund = await api
        .post(`/admin/stripe-collect/orders/${order.id}/refunds`, { payment_id: "pay_01ANY", amount: 5 }, { headers })
        .catch((e: any) => e.response)
      expect(refund.status).toBe(403)
      const settings = await api.post(`/admin/stripe-collect/settings`, { store_name: "X" }, { headers }).catch((e: any) => e.response)
      expect(settings.status).toBe(403)
      expect((await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data.order.outstanding).toBe(40)
    })

    it("a role with charge charges; a caller without any role is refused everything", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 40 })
      const cashier = await adminWithRoles(getContainer(), "cashier@example.test", [await roleWith("Cashier", ["read", "charge"])])
      const charged = await api.post(
        `/admin/stripe-collect/orders/${order.id}/charges`,
        { amount: 10, payment_method: "pm_card_visa" },
        { headers: cashier }
      )
      expect(charged.status).toBe(201)

      const nobody = await adminWithRoles(getContainer(), "norole@example.test", [])
      const read = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers: nobody }).catch((e: any) => e.response)
      expect(read.status).toBe(403)
      const pdf = await api.get(`/admin/stripe-collect/orders/${order.id}/invoice`, { headers: nobody }).catch((e: any) => e.response)
      expect(pdf.status).toBe(403)
    })
  },
})
