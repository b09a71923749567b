"""Credit earned elsewhere: a learner's own record of CE hours from other providers, checked by
a reviewer before it counts toward the transcript's cycle totals."""
