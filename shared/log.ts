import { Logger } from '@aws-lambda-powertools/logger';

// One structured JSON logger for every function (Powertools): level from
// POWERTOOLS_LOG_LEVEL, service name from POWERTOOLS_SERVICE_NAME.
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'provider-access' });
