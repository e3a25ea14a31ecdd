// Reads the table's DynamoDB stream and calls the stream handler with DynamoDBStreamEvent
// batches, as the AWS event source mapping does: records in order per shard, partial
// batch failures retried from the first failed record, a record that keeps failing set
// aside after `maxRetries` (the local dead-letter queue is the console).
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  endpoint: string;
  streamArn: string;
  handler: StreamHandler;
  batchSize?: number;
  intervalMs?: number;
  maxRetries?: number;
  /** Where the last delivered sequence number of each shard is kept between runs. */
  checkpointFile?: string;
  log?: (message: string, detail?: unknown) => void;
}

interface ShardState {
  iterator: string | undefined;
  pending: DynamoDBRecord[];
  attempts: number;
  closed: boolean;
}

/** An SDK stream record → the shape Lambda receives (dates as epoch seconds, the ARN). */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'eu-west-2',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: d.Keys as never,
      ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}

export class StreamPoller {
  private readonly client: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  /** Closed shards already read to their end. */
  private readonly finished = new Set<string>();
  private readonly checkpoints: Record<string, string>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly o: Required<Omit<StreamPollerOptions, 'checkpointFile'>> & { checkpointFile?: string };

  constructor(options: StreamPollerOptions) {
    this.o = { batchSize: 100, intervalMs: 250, maxRetries: 3, log: () => undefined, ...options };
    this.client = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    this.checkpoints = this.readCheckpoints();
  }

  start(): void {
    const tick = () => {
      this.running = this.pollOnce()
        .catch((err: unknown) => this.o.log('stream poll failed; retrying', (err as Error).message))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.client.destroy();
  }

  /** One round: find shards, read what is new, deliver it. Returns records delivered. */
  async pollOnce(): Promise<number> {
    await this.discoverShards();
    let delivered = 0;
    for (const [shardId, shard] of this.shards) {
      if (shard.pending.length === 0 && shard.iterator) {
        const out = await this.client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.o.batchSize }));
        shard.iterator = out.NextShardIterator;
        if (!shard.iterator) shard.closed = true;
        shard.pending = (out.Records ?? []).map((r) => toLambdaRecord(r, this.o.streamArn));
      }
      if (shard.pending.length > 0) delivered += await this.deliver(shardId, shard);
      if (shard.closed && shard.pending.length === 0) {
        this.shards.delete(shardId);
        this.finished.add(shardId);
      }
    }
    return delivered;
  }

  private async discoverShards() {
    const out = await this.client.send(new DescribeStreamCommand({ StreamArn: this.o.streamArn }));
    for (const shard of out.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || this.shards.has(id) || this.finished.has(id)) continue;
      const after = this.checkpoints[id];
      const it = await this.client.send(
        new GetShardIteratorCommand({
          StreamArn: this.o.streamArn,
          ShardId: id,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      this.shards.set(id, { iterator: it.ShardIterator, pending: [], attempts: 0, closed: !it.ShardIterator });
    }
  }

  private async deliver(shardId: string, shard: ShardState): Promise<number> {
    const batch = shard.pending;
    let failedFrom = batch.length;
    try {
      const result = await this.o.handler({ Records: batch });
      const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const index = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      if (index >= 0) failedFrom = index;
    } catch (err) {
      this.o.log('stream handler threw; the whole batch will be retried', (err as Error).message);
      failedFrom = 0;
    }
    if (failedFrom === batch.length) {
      shard.pending = [];
      shard.attempts = 0;
      this.checkpoint(shardId, batch.at(-1));
      return batch.length;
    }
    shard.attempts += 1;
    this.checkpoint(shardId, batch[failedFrom - 1]);
    if (shard.attempts > this.o.maxRetries) {
      const dropped = batch[failedFrom];
      // Which record, not what it holds (its image names people): find it in the table by its keys.
      this.o.log('stream record failed too often; set aside (dead-letter)', {
        eventName: dropped?.eventName,
        sequenceNumber: dropped?.dynamodb?.SequenceNumber,
        keys: dropped?.dynamodb?.Keys,
      });
      this.checkpoint(shardId, dropped);
      shard.pending = batch.slice(failedFrom + 1);
      shard.attempts = 0;
    } else {
      shard.pending = batch.slice(failedFrom);
    }
    return failedFrom;
  }

  private checkpoint(shardId: string, record: DynamoDBRecord | undefined) {
    const seq = record?.dynamodb?.SequenceNumber;
    if (!seq) return;
    this.checkpoints[shardId] = seq;
    if (this.o.checkpointFile) writeFileSync(this.o.checkpointFile, JSON.stringify(this.checkpoints));
  }

  private readCheckpoints(): Record<string, string> {
    if (!this.o.checkpointFile) return {};
    try {
      return JSON.parse(readFileSync(this.o.checkpointFile, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
}
