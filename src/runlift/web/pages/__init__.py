"""Server-rendered pages for the browser, one router module per page."""
