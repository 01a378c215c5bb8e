/**
 * The themes the graph's sources and datasets tag entities with, named in English and French:
 * the sectors of the seed graph, the research directory's scientific domains
 * (`domain-<number>`, its ten domains) and the ERC panels (`erc-pe6`, the panels of the
 * directory's units). Themes are open tags (a curator may add another); these are the ones
 * the API can name (`vocabulary(name: THEMES)`), and what a search for a theme's name in
 * either language finds.
 */
export const THEME_NAMES: Record<string, [en: string, fr: string]> = {
  agriculture: ['agriculture', 'agriculture'],
  'ai-ethics': ['AI ethics', "éthique de l'IA"],
  archiving: ['archiving', 'archivage'],
  biodiversity: ['biodiversity', 'biodiversité'],
  'causal-inference': ['causal inference', 'inférence causale'],
  'citizen-science': ['citizen science', 'sciences participatives'],
  'civil-liberties': ['civil liberties', 'libertés publiques'],
  climate: ['climate', 'climat'],
  culture: ['culture', 'culture'],
  cybersecurity: ['cybersecurity', 'cybersécurité'],
  data: ['data', 'données'],
  digital: ['digital', 'numérique'],
  'ecological-transition': ['ecological transition', 'transition écologique'],
  education: ['education', 'éducation'],
  employment: ['employment', 'emploi'],
  energy: ['energy', 'énergie'],
  environment: ['environment', 'environnement'],
  'frugal-ai': ['frugal AI', 'IA frugale'],
  health: ['health', 'santé'],
  hosting: ['hosting', 'hébergement'],
  hpc: ['high-performance computing', 'calcul haute performance'],
  innovation: ['innovation', 'innovation'],
  'public-policy': ['public policy', 'politiques publiques'],
  research: ['research', 'recherche'],
  robotics: ['robotics', 'robotique'],
  software: ['software', 'logiciel'],
  standards: ['standards', 'normes'],
  startups: ['startups', 'startups'],
  statistics: ['statistics', 'statistique'],
  'trusted-ai': ['trusted AI', 'IA de confiance'],

  // The research directory's scientific domains (its code_domaine_scientifique).
  'domain-1': ['mathematics and their interactions', 'mathématiques et leurs interactions'],
  'domain-2': ['physics', 'physique'],
  'domain-3': ['earth and universe sciences, space', "sciences de la terre et de l'univers, espace"],
  'domain-4': ['chemistry', 'chimie'],
  'domain-5': ['biology, medicine and health', 'biologie, médecine et santé'],
  'domain-6': ['humanities', 'sciences humaines et humanités'],
  'domain-7': ['social sciences', 'sciences de la société'],
  'domain-8': ['engineering sciences', "sciences pour l'ingénieur"],
  'domain-9': ['information and communication sciences and technologies', "sciences et technologies de l'information et de la communication"],
  'domain-10': ['agronomy and ecology', 'sciences agronomiques et écologiques'],

  // ERC panels (2024 panel structure): physical sciences and engineering, life sciences, social sciences and humanities.
  'erc-pe1': ['mathematics (ERC PE1)', 'mathématiques (ERC PE1)'],
  'erc-pe2': ['fundamental constituents of matter (ERC PE2)', 'constituants fondamentaux de la matière (ERC PE2)'],
  'erc-pe3': ['condensed matter physics (ERC PE3)', 'physique de la matière condensée (ERC PE3)'],
  'erc-pe4': ['physical and analytical chemical sciences (ERC PE4)', 'chimie physique et analytique (ERC PE4)'],
  'erc-pe5': ['synthetic chemistry and materials (ERC PE5)', 'chimie de synthèse et matériaux (ERC PE5)'],
  'erc-pe6': ['computer science and informatics (ERC PE6)', 'informatique (ERC PE6)'],
  'erc-pe7': ['systems and communication engineering (ERC PE7)', 'ingénierie des systèmes et des communications (ERC PE7)'],
  'erc-pe8': ['products and processes engineering (ERC PE8)', 'ingénierie des produits et des procédés (ERC PE8)'],
  'erc-pe9': ['universe sciences (ERC PE9)', "sciences de l'univers (ERC PE9)"],
  'erc-pe10': ['earth system science (ERC PE10)', 'sciences du système Terre (ERC PE10)'],
  'erc-pe11': ['materials engineering (ERC PE11)', 'ingénierie des matériaux (ERC PE11)'],
  'erc-ls1': ['molecules of life (ERC LS1)', 'molécules du vivant (ERC LS1)'],
  'erc-ls2': ['integrative biology (ERC LS2)', 'biologie intégrative (ERC LS2)'],
  'erc-ls3': ['cellular, developmental and regenerative biology (ERC LS3)', 'biologie cellulaire, du développement et de la régénération (ERC LS3)'],
  'erc-ls4': ['physiology in health, disease and ageing (ERC LS4)', 'physiologie, santé, maladie et vieillissement (ERC LS4)'],
  'erc-ls5': ['neuroscience and disorders of the nervous system (ERC LS5)', 'neurosciences et maladies du système nerveux (ERC LS5)'],
  'erc-ls6': ['immunity, infection and immunotherapy (ERC LS6)', 'immunité, infection et immunothérapie (ERC LS6)'],
  'erc-ls7': ['prevention, diagnosis and treatment of human diseases (ERC LS7)', 'prévention, diagnostic et traitement des maladies humaines (ERC LS7)'],
  'erc-ls8': ['environmental biology, ecology and evolution (ERC LS8)', "biologie de l'environnement, écologie et évolution (ERC LS8)"],
  'erc-ls9': ['biotechnology and biosystems engineering (ERC LS9)', 'biotechnologies et ingénierie des biosystèmes (ERC LS9)'],
  'erc-sh1': ['individuals, markets and organisations (ERC SH1)', 'individus, marchés et organisations (ERC SH1)'],
  'erc-sh2': ['institutions, governance and legal systems (ERC SH2)', 'institutions, gouvernance et systèmes juridiques (ERC SH2)'],
  'erc-sh3': ['the social world and its diversity (ERC SH3)', 'le monde social et sa diversité (ERC SH3)'],
  'erc-sh4': ['the human mind and its complexity (ERC SH4)', "l'esprit humain et sa complexité (ERC SH4)"],
  'erc-sh5': ['cultures and cultural production (ERC SH5)', 'cultures et production culturelle (ERC SH5)'],
  'erc-sh6': ['the study of the human past (ERC SH6)', "l'étude du passé humain (ERC SH6)"],
  'erc-sh7': ['human mobility, environment and space (ERC SH7)', 'mobilités humaines, environnement et espace (ERC SH7)'],
  'erc-sh8': ['studies of cultures and arts (ERC SH8)', 'études des cultures et des arts (ERC SH8)'],
};

/** The tag of a research directory domain code (`9` → `domain-9`), null when the code is not one of its ten. */
export function domainTheme(code: string): string | null {
  const tag = `domain-${code.trim()}`;
  return tag in THEME_NAMES ? tag : null;
}
