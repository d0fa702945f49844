"""Writes and business rules of public participation, split by sub-topic."""
