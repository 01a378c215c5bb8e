import { normalizeName } from './resolution/normalizeName.js';

/**
 * The Montpellier area, as open datasets locate organisations: NUTS code FRJ13 (Hérault) for
 * CORDIS, and the 31 communes of the metropolitan area (Montpellier Méditerranée Métropole,
 * EPCI 243400017, as listed by the French administrative divisions of
 * @etalab/decoupage-administratif; a unit test checks the list against it) by name: ROR gives
 * a city, not a NUTS code, and some CORDIS rows have no NUTS code. Compared without case,
 * accents or punctuation.
 */
export const MONTPELLIER_NUTS = ['FRJ13'];
export const MONTPELLIER_CITIES = [
  'Montpellier', 'Castelnau-le-Lez', 'Lattes', 'Juvignac', 'Saint-Jean-de-Védas', 'Villeneuve-lès-Maguelone', 'Pérols', 'Le Crès', 'Grabels',
  'Pignan', 'Baillargues', 'Fabrègues', 'Vendargues', 'Cournonterral', 'Jacou', 'Castries', 'Prades-le-Lez', 'Clapiers', "Saint-Georges-d'Orques",
  'Montferrier-sur-Lez', 'Cournonsec', 'Saint-Brès', 'Lavérune', 'Saint-Drézéry', 'Sussargues', 'Restinclières', 'Beaulieu',
  'Saint-Geniès-des-Mourgues', 'Murviel-lès-Montpellier', 'Saussan', 'Montaud',
];

export function isCityOf(cities: string[], city: string | null | undefined): boolean {
  const normal = city ? normalizeName(city) : '';
  return normal !== '' && cities.some((name) => normalizeName(name) === normal);
}
