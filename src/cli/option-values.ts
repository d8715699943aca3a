/**
 * The checked values of the command table's options (OptionSpec.parse, OptionSpec.choices), read the
 * same way by both parsers: main() (commander, which says what is wrong) and the hot path (hot.ts,
 * which hands a value it cannot take to main() so that the message is commander's).
 */

/** `--year 2022`, `--limit 10` as numbers; null for a value that is not one. */
export function numberValue(parse: 'year' | 'limit', text: string): number | null {
  return (parse === 'year' ? /^\d{4}$/ : /^\d+$/).test(text) ? Number(text) : null;
}
