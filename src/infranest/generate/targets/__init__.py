"""Generator targets, one package each; a target never imports another target."""
