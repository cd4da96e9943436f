"""``happyhorse-cli``'s exit codes, shared by its commands (see the package's docstring)."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED, EXIT_TASK_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
