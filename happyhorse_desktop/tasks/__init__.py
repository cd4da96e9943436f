"""Task orchestration: the SQLite history, the manager (submit/poll/download) and the downloader."""
