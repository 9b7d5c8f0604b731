"""The human workflow: `model` (events and derived states, pure), `rules` (what each action checks and
records, pure), `store` (the append-only review history), `service` (the actions the app and CLI call),
`cards` (draft a use-case card on demand)."""
