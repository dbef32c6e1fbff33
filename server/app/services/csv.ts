/**
 * CSV cells for exports opened in spreadsheets. A spreadsheet cannot run a cell: a value that
 * would start a formula (=, +, -, @, tab, CR) gets a leading quote, except a plain number such as
 * an E.164 phone (+14155550100), which runs nothing and keeps its plus. Contacts and campaign
 * recipients export through it.
 */
export function csvCell(value: string | null | undefined) {
  let text = value ?? ''
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+$/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV record with its CRLF. */
export const csvLine = (values: (string | null | undefined)[]) =>
  `${values.map(csvCell).join(',')}\r\n`
