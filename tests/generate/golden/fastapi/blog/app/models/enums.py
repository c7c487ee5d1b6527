"""The spec's enums, shared by the models and the schemas."""
