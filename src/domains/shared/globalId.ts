/**
 * Opaque global ids (Relay): base64url of "<Type>:<key>". Clients must not build them;
 * they pass back what `id` fields returned.
 */
export const NODE_TYPES = ['Organization', 'Person', 'Project', 'Label', 'Event', 'Source', 'Relationship', 'Change'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a global id of this API. */
export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const type = decoded.slice(0, colon) as NodeType;
  const key = decoded.slice(colon + 1);
  if (!NODE_TYPES.includes(type) || key.length === 0) return null;
  return { type, key };
}
