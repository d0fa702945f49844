"""Pages of the questionnaire engine, split by topic: building (manage), targeting,
answering (respond, including the public link) and results."""
