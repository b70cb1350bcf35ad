"""The UI-free core: domain objects, backend interface, errors. Never imports Textual."""
