/**
 * Every migration, in the order a run applies them. The storage chain comes before the modular
 * layout so the layout splits the chain's new collections too; later phases edit the files the
 * layout wrote.
 */
import { dataAssetTaxonomyMigration } from './data-asset-taxonomy';
import { externalServicesMigration } from './external-services';
import type { MigrationId } from '../model/migration-ids';
import { l3ModularLayoutMigration } from './l3-modular-layout';
import { lxcVolumesMigration } from './lxc-volumes';
import type { Migration } from './migration';
import { platformTypeMigration } from './platform-type';
import { resourceProfilesMigration } from './resource-profiles';
import { serviceConfigMigration } from './service-config';
import { serviceRuntimeMigration } from './service-runtime';
import { storageChainMigration } from './storage-chain';

export const MIGRATION_LIST: Migration[] = [
  storageChainMigration,
  l3ModularLayoutMigration,
  dataAssetTaxonomyMigration,
  resourceProfilesMigration,
  lxcVolumesMigration,
  platformTypeMigration,
  serviceConfigMigration,
  serviceRuntimeMigration,
  externalServicesMigration,
];

export const MIGRATIONS_BY_ID = new Map<MigrationId, Migration>(MIGRATION_LIST.map((m) => [m.id, m]));
