"""Every write of training delivery, split by sub-topic (CONVENTIONS.md: services by verb)."""
