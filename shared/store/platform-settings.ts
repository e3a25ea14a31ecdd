// Settings of the platform itself, the same for every school: today the number of
// encounters each key phase needs (RULES.md: "a setting of the platform (default 2):
// regulations may change it"). One item, PLATFORM#SETTINGS; absent, the defaults hold.
// Changed with `npm run platform:settings -- --encounters-per-phase <n>`.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem } from './keys.ts';
import { DEFAULT_PLATFORM_SETTINGS, type PlatformSettings } from '#shared/domain/records.ts';

const platformSettingsKey = { pk: 'PLATFORM#SETTINGS', sk: 'SETTINGS' };

export async function getPlatformSettings(store: Store): Promise<PlatformSettings> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: platformSettingsKey }));
  const stored = out.Item ? fromItem<Partial<PlatformSettings>>(out.Item) : {};
  const n = stored.encountersPerPhase;
  return { ...DEFAULT_PLATFORM_SETTINGS, ...(typeof n === 'number' && Number.isInteger(n) && n >= 1 ? { encountersPerPhase: n } : {}) };
}

export async function putPlatformSettings(store: Store, settings: PlatformSettings, now = new Date()): Promise<void> {
  await store.doc.send(
    new PutCommand({ TableName: store.tableName, Item: { ...platformSettingsKey, itemType: 'platformSettings', ...settings, updatedAt: now.toISOString() } }),
  );
}
