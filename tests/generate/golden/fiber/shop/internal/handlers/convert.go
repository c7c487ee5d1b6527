package handlers

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Row is one database row: column name → driver value.
type Row map[string]any

// show turns a stored value into the JSON value the contract gives for the field.
func show(f Field, value any) any {
	if value == nil {
		return nil
	}
	if raw, ok := value.([]byte); ok {
		value = string(raw)
	}
	switch f.Type {
	case TInt, TBigint, TID:
		return asInt(value)
	case TFloat:
		return asFloat(value)
	case TBool:
		return asBool(value)
	case TDecimal:
		return asDecimal(value, f.Scale)
	case TDate:
		return asTime(value).Format(time.DateOnly)
	case TDateTime:
		return asTime(value).UTC().Format(time.RFC3339Nano)
	case TTime:
		return asClock(value)
	case TJSON:
		var decoded any
		if text, ok := value.(string); ok && json.Unmarshal([]byte(text), &decoded) == nil {
			return decoded
		}
		return nil
	}
	return fmt.Sprint(value)
}

func asInt(value any) any {
	switch v := value.(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case int:
		return int64(v)
	case float64:
		return int64(v)
	case string:
		if parsed, err := strconv.ParseInt(v, 10, 64); err == nil {
			return parsed
		}
	}
	return nil
}

func asFloat(value any) any {
	switch v := value.(type) {
	case float64:
		return v
	case float32:
		return float64(v)
	case int64:
		return float64(v)
	case string:
		if parsed, err := strconv.ParseFloat(v, 64); err == nil {
			return parsed
		}
	}
	return nil
}

func asBool(value any) any {
	switch v := value.(type) {
	case bool:
		return v
	case int64:
		return v != 0
	case string:
		return v == "1" || strings.EqualFold(v, "true") || v == "t"
	}
	return nil
}

func asDecimal(value any, scale int) any {
	switch v := value.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', scale, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	case string:
		if parsed, err := strconv.ParseFloat(v, 64); err == nil && strings.ContainsAny(v, "eE") {
			return strconv.FormatFloat(parsed, 'f', scale, 64)
		}
		return v
	}
	return fmt.Sprint(value)
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	time.DateOnly,
}

func asTime(value any) time.Time {
	switch v := value.(type) {
	case time.Time:
		return v
	case string:
		for _, layout := range timeLayouts {
			if parsed, err := time.Parse(layout, v); err == nil {
				return parsed
			}
		}
	}
	return time.Time{}
}

// asClock answers a stored time of day as RFC 3339 `full-time` (times are kept in UTC).
func asClock(value any) string {
	if moment, ok := value.(time.Time); ok {
		return moment.Format("15:04:05.999999") + "Z"
	}
	text := fmt.Sprint(value)
	if clock, ok := parseClock(text); ok {
		return clock + "Z"
	}
	return text
}
