/** A stored OpenAlex work, as Neo4j holds it. */
export interface WorkRecord {
  /** W followed by digits. */
  id: string;
  /** The digits of the id, to order works. */
  number: number;
  doi: string | null;
  title: string | null;
  year: number;
  primaryTopic: string | null;
  citations: string[];
  /** Keys of the organisations of the graph among its authors' institutions. */
  organizationIds: string[];
}
