/** SIGKILL to a process group (a solver and every process it started); a group that is gone already is fine. */
export function killProcessGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}
