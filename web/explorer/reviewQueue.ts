import { DECIDE_MATCH, graphql, REVIEW_QUEUE_QUERY, type EntitySummary, type PendingMatch } from './api.js';
import type { Strings } from './i18n.js';
import { citationItem, element } from './panel.js';

/**
 * The review queue, for curators: the records of open datasets that entity resolution could not
 * decide, each with what the record says, its source, and the entities it may be with the score
 * and the reason; the curator accepts one of them, creates a new organisation, or leaves the
 * record out, and the API writes the decision at once. Reading the queue is public; deciding
 * needs a curator's API key, which the page keeps in memory only (never in the address or the
 * browser's storage).
 */
interface ReviewQueueOptions {
  strings: Strings;
  panel: HTMLElement;
  panelBody: HTMLElement;
  /** Shows an entity on the map (a candidate, or the entity a decision linked the record to). */
  select: (key: string) => void;
}

interface QueuePage {
  pendingMatches: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: PendingMatch[] };
}

type Decision = 'ACCEPT' | 'CREATE' | 'REJECT';

/** What a record says, beside its name: the fields the datasets give (acronyms, city, identifiers). */
const RECORD_FIELDS = ['shortName', 'acronym', 'acronyms', 'city', 'country', 'type', 'types', 'activityType', 'vat', 'grid', 'rnsr', 'ror', 'uai', 'siret'];

export function setUpReviewQueue(options: ReviewQueueOptions): { open: () => Promise<void> } {
  const { strings, panel, panelBody } = options;
  let token = '';
  let waiting = 0;

  const count = element('p', undefined, 'review-count');
  const list = element('ol', undefined, 'review-list');
  const more = element('button', strings.reviewMore);
  more.type = 'button';
  let after: string | null = null;

  function showCount(): void {
    count.textContent = waiting === 0 ? strings.reviewNone : strings.reviewWaiting(waiting);
    panel.dataset.reviews = String(waiting);
  }

  async function loadPage(): Promise<void> {
    const { pendingMatches } = await graphql<QueuePage>(REVIEW_QUEUE_QUERY, { after });
    waiting = pendingMatches.totalCount;
    showCount();
    for (const review of pendingMatches.nodes) list.append(reviewItem(review));
    after = pendingMatches.pageInfo.endCursor;
    more.hidden = !pendingMatches.pageInfo.hasNextPage;
  }
  more.addEventListener('click', () => void loadPage());

  function keyField(): HTMLElement {
    const box = element('form', undefined, 'review-key');
    const label = element('label', strings.reviewKey);
    const input = element('input');
    input.type = 'password';
    input.id = 'review-key';
    input.autocomplete = 'off';
    input.value = token;
    label.htmlFor = input.id;
    input.addEventListener('input', () => {
      token = input.value.trim();
    });
    box.addEventListener('submit', (event) => event.preventDefault());
    box.append(label, input, element('p', strings.reviewKeyHint, 'hint'));
    return box;
  }

  function reviewItem(review: PendingMatch): HTMLLIElement {
    const item = element('li', undefined, 'review');
    item.dataset.id = review.id;
    const name = typeof review.record.name === 'string' ? review.record.name : review.recordId;
    item.append(element('h4', name));
    item.append(element('p', strings.reviewRecord(review.dataset, review.recordId), 'kind'));
    const facts = element('dl', undefined, 'record');
    for (const field of RECORD_FIELDS) {
      const value = review.record[field];
      const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
      if (!text) continue;
      facts.append(element('dt', strings.reviewField[field] ?? field), element('dd', text));
    }
    if (facts.childElementCount > 0) item.append(facts);
    if (review.source) {
      const sources = element('ul', undefined, 'sources');
      sources.append(citationItem(review.source, strings));
      item.append(sources);
    }

    const note = element('input');
    note.type = 'text';
    note.className = 'review-note';
    note.placeholder = strings.reviewNote;
    note.setAttribute('aria-label', strings.reviewNote);
    const message = element('p', undefined, 'review-message');
    message.setAttribute('aria-live', 'polite');
    const buttons: HTMLButtonElement[] = [];
    const decide = async (decision: Decision, entity?: EntitySummary): Promise<void> => {
      if (!token) {
        message.textContent = strings.reviewNeedKey;
        panelBody.querySelector<HTMLInputElement>('#review-key')?.focus();
        return;
      }
      for (const button of buttons) button.disabled = true;
      try {
        const input = { match: review.id, decision, ...(entity ? { entity: entity.key } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}) };
        const { decideMatch } = await graphql<{ decideMatch: { status: string; entity: EntitySummary | null } }>(DECIDE_MATCH, { input }, { token });
        item.replaceChildren(element('h4', name), decidedLine(decideMatch.status, decideMatch.entity));
        item.dataset.status = decideMatch.status;
        waiting = Math.max(0, waiting - 1);
        showCount();
      } catch (error) {
        message.textContent = `${strings.error} ${(error as Error).message}`;
        for (const button of buttons) button.disabled = false;
      }
    };

    item.append(element('p', strings.reviewCandidates, 'review-heading'));
    const candidates = element('ol', undefined, 'candidates');
    for (const candidate of review.candidates) {
      if (!candidate.entity) continue;
      const entity = candidate.entity;
      const line = element('li');
      line.dataset.key = entity.key;
      const show = element('button', entity.name, 'link');
      show.type = 'button';
      show.addEventListener('click', () => options.select(entity.key));
      const where = [entity.kind ? strings.kindName(entity.kind) : null, entity.city].filter(Boolean).join(' · ');
      const accept = element('button', strings.reviewAccept, 'accept');
      accept.type = 'button';
      accept.setAttribute('aria-label', strings.reviewAcceptLabel(name, entity.name));
      accept.addEventListener('click', () => void decide('ACCEPT', entity));
      buttons.push(accept);
      line.append(show, element('span', where ? ` (${where})` : '', 'kind'), ' ', accept, element('p', strings.reviewScore(Math.round(candidate.score * 100), candidate.why), 'why'));
      candidates.append(line);
    }
    item.append(candidates);

    const actions = element('div', undefined, 'review-actions');
    const create = element('button', strings.reviewCreate, 'create');
    create.type = 'button';
    create.addEventListener('click', () => void decide('CREATE'));
    const reject = element('button', strings.reviewReject, 'reject');
    reject.type = 'button';
    reject.addEventListener('click', () => void decide('REJECT'));
    buttons.push(create, reject);
    actions.append(note, create, reject);
    item.append(actions, message);
    return item;
  }

  function decidedLine(status: string, entity: EntitySummary | null): HTMLElement {
    const line = element('p', undefined, 'review-decided');
    if (status === 'REJECTED' || !entity) {
      // A review queued before decisions were written at once: its dataset's next import writes it.
      line.textContent = status === 'REJECTED' ? strings.reviewRejected : strings.reviewDecidedLater;
      return line;
    }
    const show = element('button', entity.name, 'link');
    show.type = 'button';
    show.addEventListener('click', () => options.select(entity.key));
    line.append(status === 'ACCEPTED' ? strings.reviewAccepted : strings.reviewCreated, ' ', show);
    return line;
  }

  return {
    open: async () => {
      panelBody.replaceChildren(element('h3', strings.reviewQueue), keyField(), count, list, more);
      list.replaceChildren();
      after = null;
      more.hidden = true;
      delete panel.dataset.consortium;
      count.textContent = strings.loading;
      try {
        await loadPage();
      } catch (error) {
        count.textContent = `${strings.error} ${(error as Error).message}`;
      }
      panel.focus();
    },
  };
}
