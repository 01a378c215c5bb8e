/** Roles of API keys: a curator edits; an admin also merges, retires, restores and manages keys. */
export type Role = 'CURATOR' | 'ADMIN';

/** Who is making a change: the API key that authenticated the request. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

/** An API key as stored: the secret only as its SHA-256 hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export type ChangeAction = 'CREATED' | 'UPDATED' | 'ENDED' | 'RETIRED' | 'RESTORED' | 'MERGED' | 'ABSORBED' | 'MOVED' | 'DECIDED';
export type ChangeTargetKind = 'ENTITY' | 'RELATIONSHIP' | 'SOURCE' | 'MATCH_REVIEW';

/** One recorded change as stored; `before` and `after` are JSON texts of the public properties. */
export interface ChangeRecord {
  id: string;
  sequence: number;
  at: string;
  action: ChangeAction;
  targetKind: ChangeTargetKind;
  target: string;
  related: string | null;
  author: string;
  /** The API key that made it; null for an import's change. */
  authorKey: string | null;
  before: string | null;
  after: string | null;
  /** The public fields an import changed (its changes carry no before/after); absent on API changes, which derive them. */
  fields?: string[];
  citations: string[];
  note: string | null;
}

/** A change before it is numbered and written (see ChangeLog). */
export type PendingChange = Omit<ChangeRecord, 'id' | 'sequence' | 'at' | 'author' | 'authorKey' | 'citations' | 'note' | 'before' | 'after' | 'related'> & {
  before?: object | null;
  after?: object | null;
  related?: string | null;
};

/** An entity's or relationship's fields as a change recorded them (EntityState, RelationshipState). */
export type ChangeStateRecord = Record<string, unknown> & { subjectKind: 'ENTITY' | 'RELATIONSHIP' };
