"""SuperOffice Service (NetServer Web API v1) client: wire models, dates, HTTP client, backend."""
