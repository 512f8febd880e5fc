import * as assert from 'node:assert/strict';
import { hostReference } from '../../server/src/core/kubernetes/dependencies';
import { documentsImage } from '../../server/src/core/rules/kubernetes/readme';

/** What counts as a service's host in configuration, and what documents an image in a README. */
describe('kubernetes dependency and README readings', () => {
  const hosts: [key: string, value: string, name: string, expected: number | undefined][] = [
    ['POSTGRES_HOST', 'postgres', 'postgres', 0],
    ['redis_addr', '"redis"', 'redis', 1],
    ['CACHE', 'redis:6379', 'redis', 0],
    ['DATABASE_URL', 'postgres://app@postgres:5432/app', 'postgres', 15],
    ['API', 'http://api.default.svc.cluster.local/v1', 'api', 7],
    ['PEERS', 'a,minio.storage.svc:9000', 'minio', 2],
    ['config.ini', '[db]\nhost = postgres\nport = 5432', 'postgres', 12],
    // Not hosts: a bare word under another key, a scheme, an image, a longer name.
    ['DB_TYPE', 'postgres', 'postgres', undefined],
    ['DATABASE_URL', 'postgres://app@db:5432/app', 'postgres', undefined],
    ['IMAGE', 'docker.io/library/postgres:16.4', 'postgres', undefined],
    ['BACKUP_IMAGE', 'postgres:16', 'postgres', undefined],
    ['UPSTREAM_HOST', 'postgres-replica', 'postgres', undefined],
    ['GREETING', 'ask redis later', 'redis', undefined],
  ];
  for (const [key, value, name, expected] of hosts) {
    it(`${key}: ${JSON.stringify(value)} ${expected === undefined ? 'does not name' : 'names'} ${name}`, () => {
      assert.equal(hostReference(key, value, name)?.index, expected);
    });
  }

  const readmes: [text: string, image: string, documented: boolean][] = [
    ['Image: `docker.io/library/traefik:v3.1.2`', 'docker.io/library/traefik:v3.1.2', true],
    ['Runs Traefik v3.1.2.', 'docker.io/library/traefik:v3.1.2', true],
    ['TRAEFIK 3.1.2', 'traefik:v3.1.2', true],
    ['PostgreSQL 16.4, the official image', 'postgres:16.4', true],
    ['Nextcloud 29.0.4 (Apache variant)', 'nextcloud:29.0.4-apache', true],
    ['Traefik v3.1', 'traefik:v3.1.2', false],
    ['Traefik v3.1.20', 'traefik:v3.1.2', false],
    ['v3.1.2 of the proxy', 'traefik:v3.1.2', false],
    ['Image: `ghcr.io/org/web:2.0.1`', 'ghcr.io/org/web:2.0.2', false],
  ];
  for (const [text, image, documented] of readmes) {
    it(`${JSON.stringify(text)} ${documented ? 'documents' : 'does not document'} ${image}`, () => {
      assert.equal(documentsImage(text, image), documented);
    });
  }
});
