"""The journal: every business change as one hash-chained event.

``journal.append`` is called once by each service call that changes business
data, in that call's transaction; ``verify`` recomputes the chain and replays
it against the tables, and ``fates`` checks that every donated unit is
accounted for (received = sold + handed out + written off + counted
difference + on the shelf), the arithmetic the trace shows too.
"""
