/**
 * Claims `key` (a host name, an interface's DHCP server) for `owner` unless an earlier owner holds
 * it: the first claim wins, and the owner a later one collides with is returned so the caller can
 * name both and leave the later one out.
 */
export function claimFirst<K, V>(claims: Map<K, V>, key: K, owner: V): V | undefined {
  const earlier = claims.get(key);
  if (earlier === undefined) claims.set(key, owner);
  return earlier;
}
