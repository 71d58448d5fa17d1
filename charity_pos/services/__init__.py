"""One module per capability. Each public call is one unit of work: it opens
the transaction, checks permissions, applies the rules, appends one journal
event and returns what changed. Nothing here imports Qt."""
