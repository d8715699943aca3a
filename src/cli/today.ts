/** Today on this machine's calendar (its time zone), as `YYYY-MM-DD`: the day `done` writes and the log ends on. */
export function today(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
