"""The golden projects are records to compare, not tests of this repository."""

collect_ignore_glob = ["*"]
