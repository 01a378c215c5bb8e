import { normalizeName } from './resolution/normalizeName.js';

/**
 * The Montpellier area, as open datasets locate organisations: NUTS code FRJ13 (Hérault) for
 * CORDIS, and the cities of the metropolitan area by name (ROR gives a city, not a NUTS code;
 * some CORDIS rows have no NUTS code). Compared without case, accents or punctuation.
 */
export const MONTPELLIER_NUTS = ['FRJ13'];
export const MONTPELLIER_CITIES = [
  'Montpellier', 'Castelnau-le-Lez', 'Lattes', 'Pérols', 'Saint-Jean-de-Védas', 'Juvignac', 'Grabels', 'Clapiers', 'Jacou',
  'Le Crès', 'Vendargues', 'Baillargues', 'Saint-Clément-de-Rivière', 'Montferrier-sur-Lez', 'Prades-le-Lez', 'Villeneuve-lès-Maguelone',
  'Fabrègues', 'Saint-Georges-d’Orques', 'Saint-Aunès', 'Castries',
];

export function isCityOf(cities: string[], city: string | null | undefined): boolean {
  const normal = city ? normalizeName(city) : '';
  return normal !== '' && cities.some((name) => normalizeName(name) === normal);
}
