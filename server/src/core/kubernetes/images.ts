/** The tag of an image reference (after the last `/`), or undefined; a digest pins too. */
export function imageTag(image: string): { tag?: string; digest: boolean } {
  if (image.includes('@sha256:')) return { digest: true };
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? { digest: false } : { tag: last.slice(colon + 1), digest: false };
}
