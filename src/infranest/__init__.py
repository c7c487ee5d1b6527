"""InfraNest: describe, design, generate and monitor backends from one spec."""

__version__ = "0.1.0"
