"""pytest-docharness: each test replays (and records) its own cassette through `docharness serve`."""
