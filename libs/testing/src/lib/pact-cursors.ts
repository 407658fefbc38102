/**
 * For provider states that hand a consumer a cursor (`fromProviderState('${after}', ...)`).
 * A consumer that pages through a change feed or a list cannot pin a literal cursor in its
 * pact: cursors are the provider's, and what follows one depends on everything the
 * provider already holds. The state instead creates the record the interaction is about
 * as the newest, and answers the cursor right before it, so the page read from there
 * holds that record and nothing else: the pact can then ask for every field the consumer
 * reads without depending on the rest of the provider's data.
 */

interface Page {
  ids: string[];
  next: string | null;
}

/** One item of `route` after `after`: a list page (`items[].id`) or a change feed page (`changes[].entityId`). */
async function readOne(baseUrl: string, route: string, after: string | undefined): Promise<Page> {
  const url = new URL(route, baseUrl);
  url.searchParams.set('limit', '1');
  if (after) url.searchParams.set('after', after);
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url.pathname}${url.search} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { items?: { id: string }[]; changes?: { entityId: string }[]; nextCursor: string | null };
  const ids = body.items?.map((item) => item.id) ?? body.changes?.map((change) => change.entityId) ?? [];
  return { ids, next: ids.length === 0 ? null : body.nextCursor };
}

/**
 * The cursor after which `route` (a cursor-paged list or change feed of the provider at
 * `baseUrl`) serves only the record `id`. Walks the route one item at a time, so it is
 * meant for the small data sets of a provider verification. Rejects when `id` is not the
 * last item (something changed after it, and the page would hold more than the state
 * promised), or is the first and the route has no `start` cursor (a change feed's
 * "from the beginning"; a list has none).
 */
export async function cursorBeforeLast(baseUrl: string, route: string, id: string, start?: string): Promise<string> {
  let before: string | undefined;
  let after: string | undefined;
  let last: string | undefined;
  for (let read = await readOne(baseUrl, route, after); read.ids.length > 0; read = await readOne(baseUrl, route, after)) {
    [before, after, last] = [after, read.next ?? undefined, read.ids[0]];
    if (!after) break;
  }
  if (last !== id) throw new Error(`${id} is not the last item of ${route} (${last ?? 'nothing'} is)`);
  const cursor = before ?? start;
  if (cursor === undefined) throw new Error(`${id} is the only item of ${route}: there is no cursor before it`);
  return cursor;
}
