import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// How a charge's card was taken (card on file, mail/phone order, customer not present), who charged it, and the consent shown when the card was saved.
export class Migration20261202053000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_activity" add column if not exists "card_entry" text null, add column if not exists "actor_id" text null, add column if not exists "consent_text" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_activity" drop column if exists "card_entry", drop column if exists "actor_id", drop column if exists "consent_text";`
    )
  }
}
