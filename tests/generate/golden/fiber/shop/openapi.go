// Package shop holds the API contract the service serves.
package shop

import _ "embed"

// OpenAPI is the contract document (openapi.json), served at GET /openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
