"""A tiny service honouring InfraNest's conventions, used to test ``infranest verify``."""
