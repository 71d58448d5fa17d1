"""Faults: kill -9 at random moments, a full disk. Each test runs the real
command or service in a child process (``forker``), kills it, then checks the
store and the hub as a user would after a power cut: ``verify`` passes, every
sale recorded as committed is there, an import is whole or absent, and no
half-written file stands under a good name."""
