/**
 * Test-only: what the four binding pact tests share. They record what customer-sync
 * sends to each System API and what it relies on in the answers; the provider states
 * named here are set up by each System API's `customers.pact-verify.test.ts`.
 */
import { encodeCursor } from '@strata/contract-kit';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3 } from '@strata/testing';
import { Registry } from 'prom-client';
import type { ClientSettings } from '../systems/bindings';
import { FEED_WAIT_MS } from '../systems/bindings';
import type { GoldenUpdate } from '../systems/common-customer';
import { SystemApiAdapter, type BatchedUpdate, type SystemBinding } from '../systems/system-api.adapter';
import { testServiceIssuer } from '@strata/service-auth/testing';

const { like, regex, eachLike, boolean, fromProviderState } = MatchersV3;

/** The consumer name in every pact customer-sync writes. */
export const CONSUMER = 'process-customer-sync';
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
export const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };

/**
 * Provider states that hand the consumer a cursor: each creates one fully filled
 * record as the newest in its system and answers `{ after }`, the cursor right before
 * it. A page read from there holds that record only, so the pact can ask for every
 * field customer-sync reads without depending on whatever else the system holds.
 */
export const FEED_STATE = 'a fully filled customer is the newest change in the feed';
export const LIST_STATE = 'a fully filled customer is the last in the customer list';
/** A provider state that creates one fully filled record and answers `{ id }` (and `{ version }` where the system keeps one). */
export const RECORD_STATE = 'a fully filled customer exists';
/**
 * A provider state that creates one fully filled record, reads its version, has someone
 * change the record in the system and answers `{ id, staleVersion }`: the version
 * customer-sync would have read before that change, which an update must not overwrite.
 */
export const CHANGED_RECORD_STATE = 'a fully filled customer has changed since the version last read';

/** The cursor the mock server hands out: the start of a change feed (`{ seq: 0 }`). */
export const START_CURSOR = encodeCursor({ seq: 0 });

/** Silent clients with their own registry, as main.ts builds them minus the logs. */
export function clientSettings(): ClientSettings {
  return { logger: createLogger({ service: 'pact-consumer', silent: true }), registry: new Registry(), serviceTokens: testServiceIssuer('process-customer-sync') };
}

/** The query customer-sync's feed consumer sends: a cursor from the provider state, its long-poll wait, its page size. */
export function feedQuery(limit: number) {
  return { after: fromProviderState('${after}', START_CURSOR), waitMs: regex(/^\d+$/, String(FEED_WAIT_MS)), limit: String(limit) };
}

/** The query reconciliation sends to read the page after a cursor. */
export function listQuery(limit: number, exampleCursor: string) {
  return { after: fromProviderState('${after}', exampleCursor), limit: String(limit) };
}

/**
 * A feed page as intake reads it: each change's type, id, time, whether it is the echo
 * of customer-sync's own write (`origin.self`) and the record's state after it.
 */
export function feedPage(entityId: unknown, data: Record<string, unknown>) {
  return {
    changes: eachLike({
      cursor: like(encodeCursor({ seq: 1 })),
      changeType: regex(/^(created|updated|undeleted|resync)$/, 'created'),
      entityType: 'customer',
      entityId,
      occurredAt: regex(ISO, '2026-03-01T10:00:00.000Z'),
      origin: { self: boolean(false), client: null },
      changedFields: [],
      data,
    }),
    nextCursor: like(encodeCursor({ seq: 1 })),
    resynced: boolean(false),
  };
}

/** A last list page: the items and no cursor after them, which ends reconciliation's walk. */
export function lastListPage(item: Record<string, unknown>) {
  return { items: eachLike(item), nextCursor: null };
}

/** The problem+json a System API answers for an unknown or stale record. */
export function problem(status: 404 | 412, slug: string, title: string) {
  return {
    status,
    headers: { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') },
    body: { type: `urn:strata:problem:${slug}`, status, title: like(title) },
  };
}

/**
 * The person as every System API serves it once the provider state filled every field:
 * what intake maps into the golden record, each matched by type or format only.
 */
export const FILLED_PERSON = {
  customerKey: like('CK-800002'),
  firstName: like('Ada'),
  lastName: like('Lovelace'),
  birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1980-02-14'),
  email: like('ada.lovelace@example.org'),
  phone: like('+15555550123'),
};

/** A filled address; `country` as the system spells it (a code, or the CRM's name). */
export function filledAddress(country: unknown = like('US')) {
  return { street: like('12 Elm St'), city: like('Springfield'), state: like('IL'), postalCode: like('62701'), country };
}

/** The golden values propagation sends: everything a golden record can know, filled in. */
export const GOLDEN_UPDATE: GoldenUpdate = {
  customerKey: 'CK-800001',
  firstName: 'Ada',
  lastName: 'Lovelace',
  birthDate: '1980-02-14',
  email: 'ada.lovelace@example.org',
  phone: '+15555550123',
  address: { street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  status: 'active',
};

type Template = string | MatchersV3.Matcher<string>;

/** The `If-Match` header of an update: a version in quotes, often one a provider state answers (`fromProviderState`). */
export function ifMatch(value: Template): { 'if-match': Template } {
  return { 'if-match': value };
}

/** One update by id as the binding sends it, and the answer it gets. */
export interface UpdateInteraction {
  state: string;
  description: string;
  path: Template;
  headers?: Record<string, Template>;
  body: unknown;
  response: { status: number; headers?: Record<string, Template>; body?: unknown };
}

/**
 * The interactions every binding has, recorded by driving the binding itself against
 * the mock server: what each call sends is then exactly what customer-sync sends.
 */
/** What a versioned System API's batch pact needs to know about its records. */
export interface BatchPactRecords {
  /** What the provider calls a record, in descriptions: `contact`, `cardholder`. */
  noun: string;
  /** A provider state under which `unknownId` names no record. */
  unknownState: string;
  unknownId: string;
  /** The provider's record ids, and the example the state's record stands for. */
  idPattern: RegExp;
  exampleId: string;
  /** The version intake last read: the example of the state's `${version}`. */
  readVersion: string;
  /** What the binding sends for {@link GOLDEN_UPDATE}. */
  body: object;
  /** The record as the provider serves it. */
  record: object;
}

/**
 * The batch every versioned System API is held to: the state's record written with the
 * version intake last read, and an id it does not know answering 404, each item on its
 * own and in order. Returns the interaction and the items the binding is given, ready
 * for `updateMany`.
 */
export function knownAndUnknownBatch(records: BatchPactRecords): [Omit<UpdateInteraction, 'state' | 'path'> & { states: string[] }, BatchedUpdate[]] {
  const { noun, unknownState, unknownId, idPattern, exampleId, readVersion, body, record } = records;
  const interaction = {
    states: [RECORD_STATE, unknownState],
    description: `a batch update of a known and an unknown ${noun}`,
    body: {
      items: [
        { id: fromProviderState('${id}', exampleId), ifMatch: fromProviderState('"${version}"', `"${readVersion}"`), update: body },
        { id: unknownId, update: body },
      ],
    },
    response: {
      status: 200,
      headers: JSON_TYPE,
      body: {
        results: [
          { id: regex(idPattern, exampleId), status: 200, result: { id: regex(idPattern, exampleId), created: false, customer: { ...record, customerKey: 'CK-800001' } } },
          { id: unknownId, status: 404, problem: problem(404, 'not-found', 'Not found').body },
        ],
      },
    },
  };
  const items: BatchedUpdate[] = [
    { recordId: exampleId, update: GOLDEN_UPDATE, expectedVersion: readVersion },
    { recordId: unknownId, update: GOLDEN_UPDATE, expectedVersion: null },
  ];
  return [interaction, items];
}

export function bindingPact<T>(provider: string, bindingFor: (url: string, settings: ClientSettings) => SystemBinding<T>) {
  const mock = () => definePactConsumer({ consumer: CONSUMER, provider });
  const binding = (url: string) => bindingFor(url, clientSettings());
  return {
    /** A long poll of the feed after a cursor, answered with one change of a fully filled record. */
    feedPage(entityId: unknown, data: Record<string, unknown>) {
      const pact = mock();
      pact
        .given(FEED_STATE)
        .uponReceiving('a long poll of the change feed after a cursor')
        .withRequest({ method: 'GET', path: '/v1/changes', query: feedQuery(200) })
        .willRespondWith({ status: 200, headers: JSON_TYPE, body: feedPage(entityId, data) });
      return pact.executeTest((server) => binding(server.url).listChanges(START_CURSOR, FEED_WAIT_MS));
    },
    /** The page reconciliation reads after `cursor` (`limit` is the binding's page size), holding one fully filled record. */
    listPage(limit: number, cursor: string, item: Record<string, unknown>) {
      const pact = mock();
      pact
        .given(LIST_STATE)
        .uponReceiving('a read of the customer list after a cursor')
        .withRequest({ method: 'GET', path: '/v1/customers', query: listQuery(limit, cursor) })
        .willRespondWith({ status: 200, headers: JSON_TYPE, body: lastListPage(item) });
      return pact.executeTest((server) => binding(server.url).listPage(cursor));
    },
    /**
     * A read of one record by id, as the Customer 360 reads each linked system live,
     * through the System API adapter: resolves with the record in canonical terms, or
     * null when the System API answers 404.
     */
    read(interaction: Omit<UpdateInteraction, 'headers' | 'body'>, id: string) {
      const pact = mock();
      pact.given(interaction.state).uponReceiving(interaction.description).withRequest({ method: 'GET', path: interaction.path }).willRespondWith(interaction.response);
      return pact.executeTest((server) => new SystemApiAdapter(binding(server.url)).readRecord(id));
    },
    /**
     * An update by id of {@link GOLDEN_UPDATE}. Resolves with `{ version }`, the record
     * version the binding resolved with (null for a system that keeps none), or with what
     * the binding rejected with: a rejection inside the test would keep pact from writing
     * the interaction.
     */
    update(interaction: UpdateInteraction, id: string, expectedVersion: string | null) {
      const pact = mock();
      pact
        .given(interaction.state)
        .uponReceiving(interaction.description)
        .withRequest({ method: 'PUT', path: interaction.path, headers: { ...JSON_TYPE, ...interaction.headers }, body: interaction.body })
        .willRespondWith(interaction.response);
      return pact.executeTest((server) => binding(server.url).update(id, GOLDEN_UPDATE, expectedVersion).then((version) => ({ version }), (error: unknown) => error));
    },
    /**
     * A batch update (`PATCH /v1/customers`) of the binding's `updateMany`, under every
     * state named; resolves with the binding's outcome per item.
     */
    updateMany(interaction: Omit<UpdateInteraction, 'state' | 'path'> & { states: string[] }, items: BatchedUpdate[]) {
      const pact = mock();
      for (const state of interaction.states) pact.given(state);
      pact
        .uponReceiving(interaction.description)
        .withRequest({ method: 'PATCH', path: '/v1/customers', headers: { ...JSON_TYPE, ...interaction.headers }, body: interaction.body })
        .willRespondWith(interaction.response);
      return pact.executeTest((server) => {
        const updateMany = binding(server.url).updateMany;
        if (!updateMany) throw new Error(`${provider}'s binding has no batch update`);
        return updateMany(items);
      });
    },
  };
}
