// What a route asks of AWS, call by call. Every AWS SDK client in this process (the
// store's document client, Powertools' idempotency client, the SES clients) sends through
// one Smithy `Client.prototype.send`; inside a `record()` scope that send is observed:
//
// - each call is kept with its client and command object, so the floor can send exactly
//   the same calls again, and with its wire body (the DynamoDB JSON), so the keys it
//   writes are known;
// - with `preImages`, the items a write will change are read first (outside the scope),
//   so `restore()` can put the table back and a write can be replayed as it first ran;
// - with `capacity`, every DynamoDB data call asks for ReturnConsumedCapacity TOTAL and
//   the units are summed (a failed conditional write reports none: it is estimated from
//   the item's size by DynamoDB's rules and marked so).
//
// Outside a scope the patch only forwards, so timings of un-recorded calls are untouched.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

export interface KeyRef {
  table: string;
  key: Item;
}

/** One call to an AWS service made inside a recording scope. */
export interface RecordedCall {
  service: 'dynamodb' | 'ses' | 'other';
  /** The API operation: GetItem, Query, TransactWriteItems, GetAccount… */
  op: string;
  /** The very client and command the product sent: the floor sends them again. */
  client: SdkClient;
  command: unknown;
  start: number;
  end: number;
  /** The error's name when the call failed (a failed condition the product expects). */
  error?: string;
  /** DynamoDB request units: as reported, or estimated where DynamoDB reports none. */
  rcu: number;
  wcu: number;
  estimated: boolean;
  /** Query: items returned and items read. */
  count?: number;
  scanned?: number;
  /** Keys this call writes, and (with preImages) each item as it was before. */
  writes: KeyRef[];
  before?: (Item | undefined)[];
  requestBytes: number;
  responseBytes: number;
}

export interface Recording {
  calls: RecordedCall[];
  /** Read the items each write will change before it is sent (for restore and replay). */
  preImages?: boolean;
  /** Ask DynamoDB for the consumed capacity of every call. */
  capacity?: boolean;
}

interface SdkClient {
  send: (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  middlewareStack: MiddlewareStack;
}

interface MiddlewareStack {
  add: (mw: unknown, options: Record<string, unknown>) => void;
}

type Next = (args: MwArgs) => Promise<{ output?: Record<string, unknown>; response?: { body?: unknown; headers?: Record<string, string> } }>;

interface MwArgs {
  input: Record<string, unknown>;
  request?: { headers: Record<string, string>; body?: unknown };
}

interface MwContext {
  commandName?: string;
  clientName?: string;
}

const recordings = new AsyncLocalStorage<Recording>();
const current = new AsyncLocalStorage<RecordedCall>();

/** Runs `fn` with every AWS call it makes recorded into `recording`. */
export function record<T>(recording: Recording, fn: () => Promise<T>): Promise<T> {
  return recordings.run(recording, fn);
}

/** Runs `fn` outside any recording (for the bench's own reads and writes). */
export function unrecorded<T>(fn: () => Promise<T>): Promise<T> {
  return recordings.exit(() => current.exit(fn));
}

const DATA_OPS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const READ_OPS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

let raw: DynamoDBClient | undefined;
let rawEndpoint: string | undefined;

/** The bench's own client for pre-images and restores (never recorded). */
export function useRawClient(endpoint: string): DynamoDBClient {
  if (!raw || rawEndpoint !== endpoint) {
    raw = new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 3 });
    rawEndpoint = endpoint;
  }
  return raw;
}

const instrumented = new WeakSet<object>();

function instrument(client: SdkClient): void {
  const stack = client.middlewareStack;
  if (!stack || instrumented.has(stack)) return;
  instrumented.add(stack);
  // Initialize: ask for consumed capacity (the document client marshals after this step).
  stack.add(
    (next: Next, context: MwContext) => async (args: MwArgs) => {
      const call = current.getStore();
      const recording = recordings.getStore();
      const op = (context.commandName ?? '').replace(/Command$/, '');
      if (call && recording?.capacity && context.clientName === 'DynamoDBClient' && DATA_OPS.has(op)) {
        return next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCapacity', priority: 'low' },
  );
  // Build: the wire request is known; time the call itself (retries included) and read its answer.
  stack.add(
    (next: Next) => async (args: MwArgs) => {
      const call = current.getStore();
      if (!call || !args.request) return next(args);
      const body = bodyText(args.request.body);
      call.requestBytes = Buffer.byteLength(body);
      const target = args.request.headers['x-amz-target'] ?? args.request.headers['X-Amz-Target'];
      let parsed: Record<string, unknown> | undefined;
      if (target?.startsWith('DynamoDB_')) {
        call.service = 'dynamodb';
        call.op = target.split('.')[1] ?? call.op;
        parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        call.writes = writeKeys(call.op, parsed);
        if (recordings.getStore()?.preImages && call.writes.length > 0) call.before = await unrecorded(() => readItems(call.writes));
      }
      call.start = performance.now();
      try {
        const out = await next(args);
        call.end = performance.now();
        const output = out.output ?? {};
        const length = out.response?.headers?.['content-length'];
        call.responseBytes = length ? Number(length) : 0;
        if (call.service === 'dynamodb') {
          const units = sumCapacity(output.ConsumedCapacity);
          if (units !== undefined) {
            if (READ_OPS.has(call.op)) call.rcu = units;
            else call.wcu = units;
          }
          if (typeof output.Count === 'number') call.count = output.Count;
          if (typeof output.ScannedCount === 'number') call.scanned = output.ScannedCount;
        }
        return out;
      } catch (err) {
        call.end = performance.now();
        call.error = (err as Error).name;
        if (call.service === 'dynamodb' && parsed && recordings.getStore()?.capacity) {
          // DynamoDB charges a write whose condition fails; it reports no units for it.
          call.wcu = estimateFailedWrite(call.op, parsed);
          call.estimated = true;
        }
        throw err;
      }
    },
    { step: 'build', name: 'benchCapture', priority: 'low' },
  );
}

// The one send every SDK client inherits (Smithy's Client), patched once for the process.
const smithyClientPrototype = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (this: SdkClient, ...args: unknown[]) => Promise<unknown> };
const originalSend = smithyClientPrototype.send;
smithyClientPrototype.send = function patchedSend(this: SdkClient, command: unknown, ...rest: unknown[]) {
  const recording = recordings.getStore();
  if (!recording) return originalSend.call(this, command, ...rest);
  instrument(this);
  const name = (command as { constructor?: { name?: string } })?.constructor?.name ?? 'Unknown';
  const clientName = (this as { constructor?: { name?: string } }).constructor?.name ?? '';
  const call: RecordedCall = {
    service: /^SES/.test(clientName) ? 'ses' : 'other',
    op: name.replace(/Command$/, ''),
    client: this,
    command,
    start: performance.now(),
    end: 0,
    rcu: 0,
    wcu: 0,
    estimated: false,
    writes: [],
    requestBytes: 0,
    responseBytes: 0,
  };
  recording.calls.push(call);
  return current.run(call, () => originalSend.call(this, command, ...rest));
};

const utf8 = new TextDecoder();

/** The request body as text: a string, or bytes (the SDK's JSON codec hands over a Uint8Array). */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return utf8.decode(body);
  return '';
}

function keyOf(item: Item | undefined): Item {
  return { pk: item?.pk as AttributeValue, sk: item?.sk as AttributeValue };
}

type Wire = Record<string, unknown>;

/** The keys a DynamoDB write call changes (from its wire body). */
export function writeKeys(op: string, body: Wire): KeyRef[] {
  const table = String(body.TableName ?? '');
  switch (op) {
    case 'PutItem':
      return [{ table, key: keyOf(body.Item as Item) }];
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ table, key: keyOf(body.Key as Item) }];
    case 'TransactWriteItems':
      return ((body.TransactItems ?? []) as Wire[]).flatMap((t) => {
        const put = t.Put as Wire | undefined;
        const update = (t.Update ?? t.Delete) as Wire | undefined;
        if (put) return [{ table: String(put.TableName), key: keyOf(put.Item as Item) }];
        if (update) return [{ table: String(update.TableName), key: keyOf(update.Key as Item) }];
        return [];
      });
    case 'BatchWriteItem':
      return Object.entries((body.RequestItems ?? {}) as Record<string, Wire[]>).flatMap(([t, requests]) =>
        requests.map((r) => ({
          table: t,
          key: keyOf(((r.PutRequest as Wire | undefined)?.Item ?? (r.DeleteRequest as Wire | undefined)?.Key) as Item),
        })),
      );
    default:
      return [];
  }
}

async function readItems(refs: KeyRef[]): Promise<(Item | undefined)[]> {
  const client = raw;
  if (!client) throw new Error('useRawClient(endpoint) first');
  return Promise.all(refs.map(async (r) => (await client.send(new GetItemCommand({ TableName: r.table, Key: r.key, ConsistentRead: true }))).Item));
}

/** Puts back, as they were before the recorded calls, every item those calls wrote. */
export async function restore(calls: readonly RecordedCall[]): Promise<void> {
  const client = raw;
  if (!client) throw new Error('useRawClient(endpoint) first');
  const first = new Map<string, { ref: KeyRef; before: Item | undefined }>();
  for (const call of calls) {
    if (call.writes.length > 0 && !call.before) throw new Error(`${call.op} was recorded without pre-images`);
    call.writes.forEach((ref, i) => {
      const id = `${ref.table}|${JSON.stringify(ref.key)}`;
      if (!first.has(id)) first.set(id, { ref, before: call.before?.[i] });
    });
  }
  await unrecorded(() =>
    Promise.all(
      [...first.values()].map(({ ref, before }) =>
        before ? client.send(new PutItemCommand({ TableName: ref.table, Item: before })) : client.send(new DeleteItemCommand({ TableName: ref.table, Key: ref.key })),
      ),
    ),
  );
}

/** Deletes every item the recorded calls wrote (for writes that only created items). */
export async function deleteWritten(callLists: readonly (readonly RecordedCall[])[]): Promise<number> {
  const client = raw;
  if (!client) throw new Error('useRawClient(endpoint) first');
  const byTable = new Map<string, Map<string, Item>>();
  for (const calls of callLists) {
    for (const call of calls) {
      for (const ref of call.writes) {
        const keys = byTable.get(ref.table) ?? new Map<string, Item>();
        keys.set(JSON.stringify(ref.key), ref.key);
        byTable.set(ref.table, keys);
      }
    }
  }
  let deleted = 0;
  await unrecorded(async () => {
    for (const [table, keys] of byTable) {
      const all = [...keys.values()];
      for (let i = 0; i < all.length; i += 25) {
        let pending = all.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        while (pending.length > 0) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
      deleted += all.length;
    }
  });
  return deleted;
}

/**
 * The recorded calls in stages: calls the route issued together (each started before any
 * other of its stage had finished) share a stage; a later stage waits for the one before.
 */
export function stages(calls: readonly RecordedCall[]): RecordedCall[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const out: RecordedCall[][] = [];
  let stage: RecordedCall[] = [];
  let firstEnd = Infinity;
  for (const call of sorted) {
    if (stage.length > 0 && call.start >= firstEnd) {
      out.push(stage);
      stage = [];
      firstEnd = Infinity;
    }
    stage.push(call);
    firstEnd = Math.min(firstEnd, call.end);
  }
  if (stage.length > 0) out.push(stage);
  return out;
}

/**
 * Sends the recorded calls again, directly (same clients, same commands), stage by stage.
 * A call that failed when recorded must fail the same way (a condition the product expects).
 */
export async function replay(plan: readonly RecordedCall[][]): Promise<void> {
  await unrecorded(async () => {
    for (const stage of plan) {
      await Promise.all(
        stage.map((c) =>
          c.client.send(c.command).then(
            () => {
              if (c.error) throw new Error(`replayed ${c.op} succeeded but failed (${c.error}) when recorded`);
            },
            (err: Error) => {
              if (err.name !== c.error) throw err;
            },
          ),
        ),
      );
    }
  });
}

function sumCapacity(consumed: unknown): number | undefined {
  if (consumed === undefined || consumed === null) return undefined;
  const list = Array.isArray(consumed) ? consumed : [consumed];
  return list.reduce((n: number, c: { CapacityUnits?: number }) => n + (c.CapacityUnits ?? 0), 0);
}

/** DynamoDB's item size: attribute names plus values (numbers and nested types approximated). */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\./g, '').length / 2) + 1;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.B !== undefined) return v.B.length;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + Math.ceil(s.length / 2) + 1, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((n, x) => n + 1 + valueSize(x), 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 1;
}

function estimateFailedWrite(op: string, body: Wire): number {
  const kb = (item: Item | undefined) => Math.max(1, Math.ceil(itemSize(item) / 1024));
  switch (op) {
    case 'PutItem':
      return kb(body.Item as Item);
    case 'TransactWriteItems':
      return 2 * ((body.TransactItems ?? []) as Wire[]).reduce((n, t) => n + kb(((t.Put as Wire | undefined)?.Item as Item | undefined) ?? undefined), 0);
    default:
      return 1;
  }
}

/** Totals of a list of calls. */
export function totals(calls: readonly RecordedCall[]) {
  const dynamo = calls.filter((c) => c.service === 'dynamodb');
  return {
    calls: calls.length,
    dynamoCalls: dynamo.length,
    stages: stages(calls).length,
    rcu: dynamo.reduce((n, c) => n + c.rcu, 0),
    wcu: dynamo.reduce((n, c) => n + c.wcu, 0),
    estimated: dynamo.some((c) => c.estimated),
    ops: calls.map((c) => (c.error ? `${c.op}!` : c.op)),
    scanned: dynamo.reduce((n, c) => n + (c.scanned ?? 0), 0),
  };
}
