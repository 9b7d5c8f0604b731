"""The read model shared by the CLI, the app and the exports: `runs` (runs, tickets, quarantine),
`clusters` (what the app's pages read), `exports` (what the workshop exports read). Values are always bound."""
