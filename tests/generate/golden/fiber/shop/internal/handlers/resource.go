package handlers

import "regexp"

// Type is the API type of a body field or parameter.
type Type string

// The API types (see the contract: decimal is a string, date/time values are ISO 8601).
const (
	TString   Type = "string"
	TText     Type = "text"
	TEmail    Type = "email"
	TURL      Type = "url"
	TInt      Type = "int"
	TBigint   Type = "bigint"
	TDecimal  Type = "decimal"
	TFloat    Type = "float"
	TBool     Type = "bool"
	TDate     Type = "date"
	TDateTime Type = "datetime"
	TTime     Type = "time"
	TUUID     Type = "uuid"
	TJSON     Type = "json"
	TEnum     Type = "enum"
	TID       Type = "id"
	TIDs      Type = "ids"
)

// Join is the association table of a many-to-many field.
type Join struct {
	Table  string
	Local  string
	Remote string
	Target string
}

// Field is one JSON key of a body (or a parameter's value) with its constraints.
type Field struct {
	Key        string
	Column     string
	Type       Type
	Required   bool
	Nullable   bool
	MinLength  int
	MaxLength  int
	Pattern    *regexp.Regexp
	Min        *float64
	Max        *float64
	Scale      int
	Choices    []string
	Default    any
	DefaultFn  string
	ReadOnly   bool
	ReadRoles  []string
	WriteRoles []string
	Join       *Join
}

// Filter is a list parameter narrowing rows: Column compared with Op (eq, gte, lte).
type Filter struct {
	Param  string
	Column string
	Op     string
	Value  Field
}

// Paging is how a list is cut into pages: "offset", "cursor" or "none".
type Paging struct {
	Mode string
	Size int
	Max  int
}

// Resource describes how an entity is stored and served.
type Resource struct {
	Name       string
	Table      string
	Read       []Field
	Create     []Field
	Update     []Field
	Owner      string
	Tenant     string
	Parents    []Parent
	SoftDelete bool
	Versioned  bool
	Timestamps bool
	Search     []string
	Sort       []string
	Filters    []Filter
	Paging     Paging
}

// Parent is a relation of a body (Key) to a tenant-scoped table: it may only name rows of
// the same tenant (Tenant is that table's tenant column).
type Parent struct {
	Key    string
	Table  string
	Tenant string
}

// TenantSource is a table whose rows name a tenant (Tenant) and a user (Owner): a user
// belongs to the tenants of the rows they own.
type TenantSource struct {
	Table      string
	Tenant     string
	Owner      string
	SoftDelete bool
}

// Limit is a rate limit: Count calls per Period seconds per Scope (user, ip, tenant, global).
type Limit struct {
	Count  int
	Period int
	Scope  string
}

// Op is one endpoint of a resource: who may call it and how often.
type Op struct {
	ID         string
	Principals []string
	Limits     []Limit
	Idempotent bool
}

func num(v float64) *float64 { return &v }

func has(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}
