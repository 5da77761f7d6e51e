"""One set of hospital operations that every face calls: the terminal menu, the one-shot
commands, and later the HTTP API. One module per area, one function per thing a user does,
each taking a Context (settings, clock, database, acting user). A write opens its unit of work,
checks every rule inside it, commits, and leaves one line in the audit trail."""
