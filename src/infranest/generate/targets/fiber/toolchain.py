"""Versions of the Go tools the generated project and ``verify`` use (pinned)."""

GO_VERSION = "1.26"
GOSEC_VERSION = "v2.30.0"
GOSEC_MODULE = "github.com/securego/gosec/v2/cmd/gosec"
