"""Full screens: queue, ticket detail, edit, and the modal dialogs."""
