"""The account commands of the CLI: login, logout, profiles, doctor, locate and the first run."""
