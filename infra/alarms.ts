// Alarms, all to one SNS topic with an email subscription: the API's 5xx rate, each
// function's errors and throttles, the mailer's lag, dead-letter queues holding anything,
// and SES reputation (bounce and complaint rates, which SES itself acts on at 5% / 0.1%).
import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  alarmEmail: string;
  /** Encrypts the topic; its key policy lets CloudWatch use it. */
  key: kms.IKey;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  private readonly action: cwActions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Provider access alarms', masterKey: props.key, enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.action = new cwActions.SnsAction(this.topic);
  }

  /** An alarm in `scope` (a function's nested stack) or here, sent to the topic. */
  private add(id: string, props: cloudwatch.AlarmProps, scope: Construct = this): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...props });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  /** More than 5% of the API's answers in 5 minutes are 5xx (with at least 20 requests). */
  apiServerErrors(api: apigwv2.HttpApi): void {
    const period = Duration.minutes(5);
    this.add('Api5xxRate', {
      alarmDescription: "More than 5% of API answers were 5xx over 5 minutes: look at the functions' errors and logs.",
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: { errors: api.metricServerError({ period, statistic: 'Sum' }), requests: api.metricCount({ period, statistic: 'Sum' }) },
        period,
        label: 'API 5xx %',
      }),
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  /** Any error (an unhandled exception or a timeout) and any throttle, per function. */
  functionHealth(scope: Construct, id: string, fn: lambda.IFunction, label: string): void {
    const period = Duration.minutes(5);
    this.add(`${id}Errors`, {
      alarmDescription: `${label}: the function failed (unhandled error or timeout). See its log group.`,
      metric: fn.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, scope);
    this.add(`${id}Throttles`, {
      alarmDescription: `${label}: invocations were throttled (account concurrency or the stage limit reached).`,
      metric: fn.metricThrottles({ period, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, scope);
  }

  /** The mailer is more than 10 minutes behind the table's stream. */
  streamLag(scope: Construct, fn: lambda.IFunction): void {
    this.add('MailerIteratorAge', {
      alarmDescription: 'The mailer is more than 10 minutes behind the table stream: emails are late.',
      metric: fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: Duration.minutes(10).toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    }, scope);
  }

  /** A dead-letter queue holds a message: something failed for good and waits for a person. */
  deadLetters(id: string, queue: sqs.IQueue, what: string): void {
    this.add(`${id}Depth`, {
      alarmDescription: `${what} Inspect the queue's messages, fix the cause, then redrive or delete them.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  /** SES puts an account under review at a 5% bounce rate (10%: sending paused); 0.1% / 0.5% for complaints. */
  sesReputation(): void {
    const period = Duration.hours(1);
    this.add('SesBounceRate', {
      alarmDescription: 'SES bounce rate is 4% or more (SES reviews the account at 5%): check the suppressed addresses and where they come from.',
      metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period }),
      threshold: 0.04,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.add('SesComplaintRate', {
      alarmDescription: 'SES complaint rate is 0.08% or more (SES reviews the account at 0.1%).',
      metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period }),
      threshold: 0.0008,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
}
