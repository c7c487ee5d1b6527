"""Natural language → spec: extraction against a domain knowledge base, the question
planner, the session API (:func:`infranest.intake.session.start`), the learned profile and
an optional LLM provider."""
