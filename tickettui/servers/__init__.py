"""Local stand-ins for the ticket systems: real HTTP on loopback, real SQLite storage."""
