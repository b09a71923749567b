"""Certificate designs written by schools: the sandbox they render in and the checks on save."""
