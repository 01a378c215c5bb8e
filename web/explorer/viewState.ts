/**
 * What the page shows, kept in the URL so that a view can be shared: the filters, the view
 * (whole map or one entity's ego network), the links shown, the selected entity, a path, the
 * colouring and the language. Absent parameters take their defaults.
 */
export interface ViewState {
  lang: string | null;
  view: 'map' | 'ego';
  kinds: string[];
  theme: string;
  label: string;
  asOf: string;
  /** Only the links a source dates (the API's `datedOnly`). */
  datedOnly: boolean;
  limit: number;
  center: string;
  depth: number;
  node: string;
  from: string;
  to: string;
  colour: 'kind' | 'community';
  /** Which links: every relationship, the co-publication network alone, or the organisations' partnership network (projected, weighted). */
  network: 'all' | 'copub' | 'partnerships';
  /** The organisations of the consortium being built (keys, at most 20). */
  members: string[];
  /** What kind of partner the consortium looks for: any, research, industry, or public bodies and funders. */
  partners: PartnerKind;
}

export const PARTNER_KINDS = { any: null, research: ['university', 'research-institute', 'research-unit', 'hospital', 'school'], industry: ['company', 'startup'], public: ['public-authority', 'public-body', 'foundation', 'investor', 'infrastructure-operator', 'network', 'incubator'] } as const;
export type PartnerKind = keyof typeof PARTNER_KINDS;

/** The relationship types a network shows (null: all). */
export function typesOf(network: ViewState['network']): string[] | null {
  return network === 'copub' ? ['CO_PUBLISHED_WITH'] : null;
}

export const KINDS = ['ORGANIZATION', 'PERSON', 'PROJECT', 'LABEL', 'EVENT'] as const;

export function readViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const number = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  };
  const kinds = (params.get('kinds') ?? '').split(',').filter((kind) => (KINDS as readonly string[]).includes(kind));
  return {
    lang: params.get('lang'),
    view: params.get('view') === 'ego' && params.get('center') ? 'ego' : 'map',
    kinds,
    theme: params.get('theme') ?? '',
    label: params.get('label') ?? '',
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf')! : '',
    datedOnly: params.get('datedOnly') === 'true',
    limit: number('limit', 500, 1, 2000),
    center: params.get('center') ?? '',
    depth: number('depth', 1, 1, 3),
    node: params.get('node') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    colour: params.get('colour') === 'community' ? 'community' : 'kind',
    network: params.get('network') === 'copub' ? 'copub' : params.get('network') === 'partnerships' ? 'partnerships' : 'all',
    members: [...new Set((params.get('members') ?? '').split(',').map((key) => key.trim()).filter(Boolean))].slice(0, 20),
    partners: (Object.keys(PARTNER_KINDS) as PartnerKind[]).includes(params.get('partners') as PartnerKind) ? (params.get('partners') as PartnerKind) : 'any',
  };
}

export function writeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.lang) params.set('lang', state.lang);
  if (state.view === 'ego' && state.center) {
    params.set('view', 'ego');
    params.set('center', state.center);
    params.set('depth', String(state.depth));
  }
  if (state.kinds.length > 0) params.set('kinds', state.kinds.join(','));
  if (state.theme) params.set('theme', state.theme);
  if (state.label) params.set('label', state.label);
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.datedOnly) params.set('datedOnly', 'true');
  if (state.limit !== 500) params.set('limit', String(state.limit));
  if (state.node) params.set('node', state.node);
  if (state.from && state.to) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.colour !== 'kind') params.set('colour', state.colour);
  if (state.network !== 'all') params.set('network', state.network);
  if (state.members.length > 0) params.set('members', state.members.join(','));
  if (state.partners !== 'any') params.set('partners', state.partners);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The consortium table as a file (CSV, XLSX or Markdown), in the page's language. */
export function consortiumExportUrl(state: ViewState, format: 'csv' | 'xlsx' | 'md', language: 'en' | 'fr' = 'en'): string {
  const params = new URLSearchParams({ members: state.members.join(','), format });
  if (state.asOf) params.set('asOf', state.asOf);
  if (language === 'fr') params.set('lang', 'fr');
  return `/export/consortium?${params}`;
}

/** The file export of what is shown, with the same filters. */
export function exportUrl(state: ViewState, format: string): string {
  const params = new URLSearchParams({ format });
  if (state.datedOnly) params.set('datedOnly', 'true');
  if (state.network === 'partnerships' && state.view !== 'ego') {
    if (state.asOf) params.set('asOf', state.asOf);
    params.set('limit', String(state.limit));
    return `/export/partnerships?${params}`;
  }
  if (state.kinds.length > 0) params.set('entityTypes', state.kinds.join(','));
  if (state.theme) params.set('themes', state.theme);
  if (state.asOf) params.set('asOf', state.asOf);
  const types = typesOf(state.network);
  if (types) params.set('types', types.join(','));
  if (state.view === 'ego') {
    params.set('center', state.center);
    params.set('depth', String(state.depth));
    params.set('limit', '500');
    return `/export/ego?${params}`;
  }
  if (state.label) params.set('labels', state.label);
  params.set('limit', String(state.limit));
  return `/export/map?${params}`;
}
