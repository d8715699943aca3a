/**
 * Whether a file's group is the user's own private group (the "user private group" scheme, where each
 * user's primary group is named after them and has no one else in it, so files are commonly made 0664):
 * then a group-writable `.papers.json` is writable by the user alone (file.ts). An ACL can let a named
 * user write past the group (its mask shows as the group bits), but only the file's owner can set one. Read from /etc/passwd and /etc/group, kept
 * simple and strict: the group with that gid must be named as the user is, list no members, and be no other
 * user's primary group. Anything else (a group with members, a shared primary group, a group or user that
 * is not in those files, such as one from LDAP, or files that cannot be read) is not private.
 */
import { readFileSync } from 'node:fs';

/** The lines of a colon-separated database (passwd, group) as fields. */
function entries(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

/** The id field of an entry as a number, or NaN (never equal to an id) when it is empty or not one. */
const idOf = (field: string | undefined): number =>
  field !== undefined && /^\d+$/.test(field) ? Number(field) : Number.NaN;

/** True when, by these texts of /etc/passwd and /etc/group, group `gid` is user `uid`'s private group. */
export function isPrivateGroup(passwd: string, group: string, gid: number, uid: number): boolean {
  const users = entries(passwd);
  const user = users.find((fields) => idOf(fields[2]) === uid);
  if (user === undefined) return false;
  // One group with that gid, named as the user, with no members listed.
  const groups = entries(group).filter((fields) => idOf(fields[2]) === gid);
  if (groups.length !== 1) return false;
  const [name, , , members = ''] = groups[0] as string[];
  if (name !== user[0] || members.trim() !== '') return false;
  // No other user has it as their primary group.
  return users.every((fields) => fields === user || idOf(fields[3]) !== gid);
}

/** The same, read from this machine's /etc/passwd and /etc/group (not private when they cannot be read). */
export function isPrivateGroupOf(gid: number, uid: number): boolean {
  try {
    return isPrivateGroup(readFileSync('/etc/passwd', 'utf8'), readFileSync('/etc/group', 'utf8'), gid, uid);
  } catch {
    return false;
  }
}
