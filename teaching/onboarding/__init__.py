"""Setting a new school up: one checklist across schools (details, team), courses (provider
approvals), commerce (payout account) and certificates (signatures, a starter design), each
item linking to where it is done. It reads across those apps, so it lives above them."""
