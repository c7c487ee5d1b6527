package handlers

import (
	"encoding/base64"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
)

// ActionFunc is the body of a custom action: it may change row (through tx) and returns
// an error to answer instead of the row.
type ActionFunc func(c fiber.Ctx, tx *gorm.DB, row Row) error

func quote(name string) string { return `"` + name + `"` }

// parseID reads a path id; anything but a positive int64 is an unknown row (404).
func parseID(text string) (int64, error) {
	if text == "" || strings.TrimLeft(text, "0123456789") != "" {
		return 0, notFound()
	}
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil || id < 1 {
		return 0, notFound()
	}
	return id, nil
}

// storeError turns a database error into a 409 for constraint violations.
func storeError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) {
		return conflict("The request conflicts with existing data.")
	}
	text := strings.ToLower(err.Error())
	for _, marker := range []string{"constraint", "unique", "foreign key", "23505", "23503"} {
		if strings.Contains(text, marker) {
			return conflict("The request conflicts with existing data.")
		}
	}
	return err
}

// visible is the query of rows the caller may see: not soft-deleted, inside their scope.
func visible(tx *gorm.DB, res *Resource, scope Scope) *gorm.DB {
	query := tx.Table(res.Table)
	if res.SoftDelete {
		query = query.Where(quote("deleted_at") + " IS NULL")
	}
	if !scope.OwnerOnly && !scope.ByTenant {
		return query
	}
	var allowed []string
	var args []any
	if scope.OwnerOnly && scope.Caller != nil && res.Owner != "" {
		allowed = append(allowed, quote(res.Owner)+" = ?")
		args = append(args, scope.Caller.ID)
	}
	if scope.ByTenant && res.Tenant != "" && len(scope.TenantIDs) > 0 {
		allowed = append(allowed, quote(res.Tenant)+" IN ?")
		args = append(args, scope.TenantIDs)
	}
	if len(allowed) == 0 {
		return query.Where("1 = 0")
	}
	return query.Where("("+strings.Join(allowed, " OR ")+")", args...)
}

func loadRow(tx *gorm.DB, res *Resource, scope Scope, id int64) (Row, error) {
	var rows []map[string]any
	if err := visible(tx, res, scope).Where(quote("id")+" = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, notFound()
	}
	return rows[0], nil
}

// mayUse reports whether the caller holds one of roles, or is the row's owner when the
// roles name "owner".
func mayUse(roles []string, res *Resource, row Row, scope Scope) bool {
	if len(roles) == 0 || has(roles, scope.role()) {
		return true
	}
	if !has(roles, "owner") || scope.Caller == nil || res.Owner == "" {
		return false
	}
	return row == nil || asInt(row[res.Owner]) == scope.Caller.ID
}

// serialize is the read body of row; keys with read roles the caller lacks are left out.
func serialize(tx *gorm.DB, res *Resource, row Row, scope Scope) (map[string]any, error) {
	return serializeWith(tx, res, row, scope, nil)
}

// serializeWith is serialize with the many-to-many sets already read for a whole page
// (by field key, then row id); a set not in sets is read for this row alone.
func serializeWith(tx *gorm.DB, res *Resource, row Row, scope Scope, sets map[string]map[any][]int64) (map[string]any, error) {
	body := make(map[string]any, len(res.Read))
	for _, f := range res.Read {
		if !mayUse(f.ReadRoles, res, row, scope) {
			continue
		}
		if known, ok := sets[f.Key]; ok && f.Join != nil {
			body[f.Key] = known[asInt(row["id"])]
			continue
		}
		if f.Join != nil {
			ids := []int64{}
			join := f.Join
			err := tx.Table(join.Table).Where(quote(join.Local)+" = ?", row["id"]).
				Order(quote(join.Remote)).Pluck(join.Remote, &ids).Error
			if err != nil {
				return nil, err
			}
			body[f.Key] = ids
			continue
		}
		body[f.Key] = show(f, row[f.Column])
	}
	return body, nil
}

// checkWrites answers 403 when the body sets a field whose write roles the caller lacks
// (row is nil when creating: the caller will own the row).
func checkWrites(res *Resource, fields []Field, values map[string]any, row Row, scope Scope) error {
	var denied []FieldError
	for _, f := range fields {
		if _, ok := values[f.Key]; ok && !mayUse(f.WriteRoles, res, row, scope) {
			denied = append(denied, FieldError{Field: f.Key, Message: "not allowed for your role"})
		}
	}
	if len(denied) > 0 {
		return Fail(fiber.StatusForbidden, "You may not set these fields.", denied...)
	}
	return nil
}

// columns splits checked body values into column values and many-to-many id sets.
func columns(fields []Field, values map[string]any) (map[string]any, map[*Join][]int64) {
	cols := make(map[string]any, len(values))
	sets := map[*Join][]int64{}
	for _, f := range fields {
		value, ok := values[f.Key]
		if !ok || f.Key == "version" {
			continue
		}
		if f.Join != nil {
			ids, _ := value.([]int64)
			sets[f.Join] = ids
			continue
		}
		cols[f.Column] = value
	}
	return cols, sets
}

// insert adds a row and answers its id.
func insert(tx *gorm.DB, table string, values map[string]any) (int64, error) {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	quoted := make([]string, len(names))
	marks := make([]string, len(names))
	args := make([]any, len(names))
	for i, name := range names {
		quoted[i], marks[i], args[i] = quote(name), "?", values[name]
	}
	statement := "INSERT INTO " + quote(table) + " (" + strings.Join(quoted, ", ") +
		") VALUES (" + strings.Join(marks, ", ") + ") RETURNING " + quote("id")
	if len(names) == 0 {
		statement = "INSERT INTO " + quote(table) + " DEFAULT VALUES RETURNING " + quote("id")
	}
	var id int64
	if err := tx.Raw(statement, args...).Scan(&id).Error; err != nil {
		return 0, storeError(err)
	}
	return id, nil
}

// replaceSet makes the many-to-many set of row id exactly ids (409 for unknown ids).
func replaceSet(tx *gorm.DB, join *Join, id int64, ids []int64) error {
	if len(ids) > 0 {
		var found int64
		if err := tx.Table(join.Target).Where(quote("id")+" IN ?", ids).Count(&found).Error; err != nil {
			return err
		}
		if found != int64(len(ids)) {
			return conflict("Some ids name unknown rows.")
		}
	}
	if err := tx.Exec("DELETE FROM "+quote(join.Table)+" WHERE "+quote(join.Local)+" = ?", id).Error; err != nil {
		return storeError(err)
	}
	for _, other := range ids {
		statement := "INSERT INTO " + quote(join.Table) + " (" + quote(join.Local) + ", " +
			quote(join.Remote) + ") VALUES (?, ?)"
		if err := tx.Exec(statement, id, other).Error; err != nil {
			return storeError(err)
		}
	}
	return nil
}

// serverValue is the value a field the client does not send starts with.
func serverValue(f Field, now time.Time) (any, bool) {
	switch f.DefaultFn {
	case "now":
		return now, true
	case "today":
		return now.Format(time.DateOnly), true
	case "uuid":
		return newUUID(), true
	}
	if f.Default != nil {
		return f.Default, true
	}
	if f.Nullable || f.Join != nil {
		return nil, false
	}
	switch f.Type {
	case TInt, TBigint, TFloat:
		return 0, true
	case TDecimal:
		return "0", true
	case TBool:
		return false, true
	case TDateTime:
		return now, true
	case TDate:
		return now.Format(time.DateOnly), true
	case TTime:
		return "00:00:00", true
	case TJSON, TID:
		return nil, false
	case TUUID:
		return newUUID(), true
	}
	return "", true
}

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func decodeCursor(cursor string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	text := string(raw)
	number, found := strings.CutPrefix(text, "o:")
	offset, convErr := strconv.Atoi(number)
	if err != nil || !found || convErr != nil || offset < 0 || len(number) > 12 {
		return 0, invalid(FieldError{Field: "cursor", Message: "not a cursor of this list"})
	}
	return offset, nil
}
