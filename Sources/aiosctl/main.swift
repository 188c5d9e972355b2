// aiosctl: wired up in the Foundation issue.
