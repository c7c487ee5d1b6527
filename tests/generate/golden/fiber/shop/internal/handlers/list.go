package handlers

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
)

type listParams struct {
	page    int
	size    int
	cursor  string
	q       string
	sort    string
	filters map[string]any
}

// query returns a query parameter and whether it was given.
func query(c fiber.Ctx, name string) (string, bool) {
	args := c.RequestCtx().QueryArgs()
	if !args.Has(name) {
		return "", false
	}
	return string(args.Peek(name)), true
}

func intParam(c fiber.Ctx, name string, low, high, fallback int) (int, *FieldError) {
	text, ok := query(c, name)
	if !ok {
		return fallback, nil
	}
	limit := float64(high)
	value, message := checkInt(Field{Type: TInt, Min: num(float64(low)), Max: &limit}, text)
	if message != "" {
		return 0, &FieldError{Field: name, Message: message}
	}
	number, _ := value.(int64)
	return int(number), nil
}

// readListParams checks the list parameters of res (422 for any invalid one).
func readListParams(c fiber.Ctx, res *Resource) (listParams, error) {
	params := listParams{page: 1, size: res.Paging.Size, filters: map[string]any{}}
	var errs []FieldError
	if res.Paging.Mode == "offset" {
		page, problem := intParam(c, "page", 1, 2147483647, 1)
		if problem != nil {
			errs = append(errs, *problem)
		}
		params.page = page
	}
	if res.Paging.Mode != "none" {
		size, problem := intParam(c, "size", 1, res.Paging.Max, res.Paging.Size)
		if problem != nil {
			errs = append(errs, *problem)
		}
		params.size = size
	}
	if res.Paging.Mode == "cursor" {
		if text, ok := query(c, "cursor"); ok {
			if len(text) > 512 || !utf8.ValidString(text) {
				errs = append(errs, FieldError{Field: "cursor", Message: "not a cursor of this list"})
			}
			params.cursor = text
		}
	}
	if text, ok := query(c, "q"); ok && len(res.Search) > 0 {
		if _, message := checkText(Field{Type: TString, MaxLength: 255}, text); message != "" {
			errs = append(errs, FieldError{Field: "q", Message: message})
		}
		params.q = text
	}
	if text, ok := query(c, "sort"); ok && len(res.Sort) > 0 {
		if !has(res.Sort, strings.TrimPrefix(text, "-")) {
			errs = append(errs, FieldError{Field: "sort", Message: "must be one of " + strings.Join(res.Sort, ", ") + " (- first: descending)"})
		}
		params.sort = text
	}
	for _, filter := range res.Filters {
		text, ok := query(c, filter.Param)
		if !ok {
			continue
		}
		value, message := parseParam(filter.Value, text)
		if message != "" {
			errs = append(errs, FieldError{Field: filter.Param, Message: message})
			continue
		}
		params.filters[filter.Param] = value
	}
	if len(errs) > 0 {
		return params, invalid(errs...)
	}
	return params, nil
}

func escapeLike(text string) string {
	replacer := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return replacer.Replace(strings.ToLower(text))
}

// filtered applies search and filters to the visible rows.
func filtered(tx *gorm.DB, res *Resource, scope Scope, params listParams) *gorm.DB {
	query := visible(tx, res, scope)
	if params.q != "" {
		pattern := "%" + escapeLike(params.q) + "%"
		clauses := make([]string, len(res.Search))
		args := make([]any, len(res.Search))
		for i, column := range res.Search {
			clauses[i] = "LOWER(" + quote(column) + `) LIKE ? ESCAPE '\'`
			args[i] = pattern
		}
		query = query.Where("("+strings.Join(clauses, " OR ")+")", args...)
	}
	for _, filter := range res.Filters {
		value, ok := params.filters[filter.Param]
		if !ok {
			continue
		}
		operator := map[string]string{"eq": " = ?", "gte": " >= ?", "lte": " <= ?"}[filter.Op]
		query = query.Where(quote(filter.Column)+operator, value)
	}
	return query
}

func ordered(query *gorm.DB, sort string) *gorm.DB {
	if sort != "" {
		if key, desc := strings.CutPrefix(sort, "-"); desc {
			query = query.Order(quote(key) + " DESC")
		} else {
			query = query.Order(quote(sort) + " ASC")
		}
	}
	return query.Order(quote("id") + " ASC")
}

func serializeAll(tx *gorm.DB, res *Resource, rows []map[string]any, scope Scope) ([]map[string]any, error) {
	sets, err := pageSets(tx, res, rows)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, len(rows))
	for _, row := range rows {
		body, err := serializeWith(tx, res, row, scope, sets)
		if err != nil {
			return nil, err
		}
		items = append(items, body)
	}
	return items, nil
}

// pageSets reads the many-to-many id sets of every row of a page, one query per set
// (not one per row): by field key, then row id; every row has a set, maybe empty.
func pageSets(tx *gorm.DB, res *Resource, rows []map[string]any) (map[string]map[any][]int64, error) {
	sets := map[string]map[any][]int64{}
	ids := make([]any, 0, len(rows))
	for _, row := range rows {
		ids = append(ids, row["id"])
	}
	for _, f := range res.Read {
		if f.Join == nil || len(ids) == 0 {
			continue
		}
		byRow := make(map[any][]int64, len(rows))
		for _, id := range ids {
			byRow[asInt(id)] = []int64{}
		}
		var pairs []struct{ Local, Remote int64 }
		columns := quote(f.Join.Local) + " AS local, " + quote(f.Join.Remote) + " AS remote"
		err := tx.Table(f.Join.Table).Select(columns).Where(quote(f.Join.Local)+" IN ?", ids).
			Order(quote(f.Join.Remote)).Scan(&pairs).Error
		if err != nil {
			return nil, err
		}
		for _, pair := range pairs {
			byRow[pair.Local] = append(byRow[pair.Local], pair.Remote)
		}
		sets[f.Key] = byRow
	}
	return sets, nil
}

// listRows answers the list envelope of the resource's pagination style.
func listRows(tx *gorm.DB, res *Resource, scope Scope, params listParams) (map[string]any, error) {
	var rows []map[string]any
	switch res.Paging.Mode {
	case "offset":
		var total int64
		if err := filtered(tx, res, scope, params).Count(&total).Error; err != nil {
			return nil, err
		}
		offset := (params.page - 1) * params.size
		query := ordered(filtered(tx, res, scope, params), params.sort)
		if err := query.Offset(offset).Limit(params.size).Find(&rows).Error; err != nil {
			return nil, err
		}
		items, err := serializeAll(tx, res, rows, scope)
		if err != nil {
			return nil, err
		}
		return map[string]any{"items": items, "total": total, "page": params.page, "size": params.size}, nil
	case "cursor":
		offset, err := decodeCursor(params.cursor)
		if err != nil {
			return nil, err
		}
		query := ordered(filtered(tx, res, scope, params), params.sort)
		if err := query.Offset(offset).Limit(params.size + 1).Find(&rows).Error; err != nil {
			return nil, err
		}
		var next any
		if len(rows) > params.size {
			rows = rows[:params.size]
			next = encodeCursor(offset + params.size)
		}
		items, err := serializeAll(tx, res, rows, scope)
		if err != nil {
			return nil, err
		}
		return map[string]any{"items": items, "next_cursor": next}, nil
	}
	query := ordered(filtered(tx, res, scope, params), params.sort)
	if err := query.Find(&rows).Error; err != nil {
		return nil, err
	}
	items, err := serializeAll(tx, res, rows, scope)
	if err != nil {
		return nil, err
	}
	return map[string]any{"items": items}, nil
}
