import type { Database } from 'better-sqlite3';
import type { InventorySource, StoredInventory } from '../../../shared/contract/index';
import type { Inventory } from '../../../shared/inventory/index';

interface InventoryRow {
  environment_id: string;
  file_name: string;
  format: string;
  source: string;
  text: string;
  parsed_json: string;
  saved_at: string;
}

/**
 * One inventory per environment: the text as imported and its parsed model. Saving replaces the
 * one before; runs that planned from it keep their hosts and batches in their own log.
 */
export class InventoryRepository {
  constructor(private readonly db: Database) {}

  get(environmentId: string): StoredInventory | null {
    const row = this.db.prepare(`SELECT * FROM inventories WHERE environment_id = ?`).get(environmentId) as
      InventoryRow | undefined;
    return row === undefined ? null : toStored(row);
  }

  /** The parsed model alone, for planning rolling steps. */
  inventoryOf(environmentId: string): Inventory | undefined {
    const row = this.db
      .prepare(`SELECT parsed_json FROM inventories WHERE environment_id = ?`)
      .get(environmentId) as { parsed_json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.parsed_json) as Inventory);
  }

  save(environmentId: string, text: string, inventory: Inventory, source: InventorySource): StoredInventory {
    const savedAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO inventories (environment_id, file_name, format, source, text, parsed_json, saved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (environment_id) DO UPDATE SET file_name = excluded.file_name,
           format = excluded.format, source = excluded.source, text = excluded.text,
           parsed_json = excluded.parsed_json, saved_at = excluded.saved_at`,
      )
      .run(
        environmentId,
        inventory.file,
        inventory.format,
        JSON.stringify(source),
        text,
        JSON.stringify(inventory),
        savedAt,
      );
    return { environmentId, inventory, source, savedAt };
  }

  remove(environmentId: string): void {
    this.db.prepare(`DELETE FROM inventories WHERE environment_id = ?`).run(environmentId);
  }
}

function toStored(row: InventoryRow): StoredInventory {
  return {
    environmentId: row.environment_id,
    inventory: JSON.parse(row.parsed_json) as Inventory,
    source: JSON.parse(row.source) as InventorySource,
    savedAt: row.saved_at,
  };
}
