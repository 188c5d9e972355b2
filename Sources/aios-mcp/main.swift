// aios-mcp: wired up in the Foundation issue.
