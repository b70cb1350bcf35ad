"""The Textual UI: screens and widgets on top of the core's backend interface."""
