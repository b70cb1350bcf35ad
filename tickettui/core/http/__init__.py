"""HTTP plumbing both clients share: the pool, TLS, transport errors and read retries.

Imports httpx: only the clients import this, never the app's start-up path.
"""
