import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// The ledger of payment attempts (written before Stripe is called) and verified Stripe events (deduplicated by Stripe's id).
export class Migration20261202010424 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "stripe_collect_payment_attempt" ("id" text not null, "flow" text check ("flow" in ('admin_charge', 'payment_link')) not null, "order_id" text not null, "payment_link_id" text null, "amount" numeric not null, "currency_code" text not null, "stripe_account" text null, "attempt_key" text not null, "request_key" text null, "status" text check ("status" in ('pending', 'open', 'lost', 'succeeded', 'recorded', 'declined', 'failed', 'not_charged', 'expired')) not null default 'pending', "payment_intent_id" text null, "checkout_session_id" text null, "payment_id" text null, "payment_collection_id" text null, "activity_id" text null, "failure_code" text null, "decline_code" text null, "message" text null, "livemode" boolean not null default false, "payable_until" timestamptz null, "settled_at" timestamptz null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_payment_attempt_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_deleted_at" ON "stripe_collect_payment_attempt" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_attempt_key_unique" ON "stripe_collect_payment_attempt" ("attempt_key") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_payment_intent_id_unique" ON "stripe_collect_payment_attempt" ("payment_intent_id") WHERE payment_intent_id IS NOT NULL AND deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_checkout_session_id_unique" ON "stripe_collect_payment_attempt" ("checkout_session_id") WHERE checkout_session_id IS NOT NULL AND deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_order_id" ON "stripe_collect_payment_attempt" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_attempt_status_created_at" ON "stripe_collect_payment_attempt" ("status", "created_at") WHERE deleted_at IS NULL;`)
    this.addSql(`create table if not exists "stripe_collect_stripe_event" ("id" text not null, "event_id" text not null, "type" text not null, "account" text null, "object_id" text null, "status" text check ("status" in ('received', 'processed', 'ignored', 'failed')) not null default 'received', "outcome" text null, "received_at" timestamptz not null, "processed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_stripe_event_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_stripe_event_deleted_at" ON "stripe_collect_stripe_event" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_stripe_event_event_id_unique" ON "stripe_collect_stripe_event" ("event_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_stripe_event_status_received_at" ON "stripe_collect_stripe_event" ("status", "received_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_payment_attempt" cascade;`)
    this.addSql(`drop table if exists "stripe_collect_stripe_event" cascade;`)
  }
}
