// A CSV export as a download for the person signed in (the encounters and the provider's requests).
import type { HttpResult } from '#shared/http/handler.ts';
import type { CsvFile } from '#shared/usecases/csv.ts';

export function csvDownload({ filename, csv }: CsvFile): HttpResult {
  return {
    status: 200,
    text: csv,
    contentType: 'text/csv; charset=utf-8',
    headers: { 'content-disposition': `attachment; filename="${filename}"` },
  };
}
