// Every CSV the product exports is written one way, by csv-stringify: RFC 4180 quoting, CRLF,
// a BOM so spreadsheet programs read UTF-8, and formula injection neutralised (a cell
// starting with =, +, -, @, tab or CR gets a leading single quote), because a provider's
// or a school's own words end up in someone else's spreadsheet.
import { stringify } from 'csv-stringify/sync';

/** A file to download: its name and its text. */
export interface CsvFile {
  filename: string;
  csv: string;
}

export function spreadsheetCsv(rows: readonly (readonly string[])[], columns: readonly string[]): string {
  return stringify(rows.map((r) => [...r]), { header: true, columns: [...columns], bom: true, record_delimiter: 'windows', escape_formulas: true });
}
