/** Kubernetes names are DNS labels (RFC 1123), so the scaffold's folder and resources share one name. */
export function validateServiceName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > 63) return 'At most 63 characters.';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return 'Lower-case letters, digits and "-", starting and ending with a letter or digit.';
  return undefined;
}
