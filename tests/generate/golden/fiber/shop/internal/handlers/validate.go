package handlers

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	uuidPattern  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	timePattern  = regexp.MustCompile(`^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,9})?)?([zZ]|[+-]([01]\d|2[0-3]):[0-5]\d)?$`)
	int32Min     = float64(math.MinInt32)
	int32Max     = float64(math.MaxInt32)
)

// decodeObject parses a JSON object body: malformed JSON answers 400, anything but an
// object 422.
func decodeObject(body []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, invalid(FieldError{Field: "body", Message: "a JSON object is required"})
	}
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, Fail(400, "The request body is not valid JSON.")
	}
	if decoder.More() {
		return nil, Fail(400, "The request body is not valid JSON.")
	}
	object, ok := value.(map[string]any)
	if !ok {
		return nil, invalid(FieldError{Field: "body", Message: "must be a JSON object"})
	}
	return object, nil
}

// validateBody checks a decoded body against fields: unknown keys, missing required keys
// and every constraint answer 422. The result maps present keys to storable values.
func validateBody(object map[string]any, fields []Field) (map[string]any, error) {
	known := make(map[string]Field, len(fields))
	for _, f := range fields {
		known[f.Key] = f
	}
	var errs []FieldError
	keys := make([]string, 0, len(object))
	for key := range object {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	values := make(map[string]any, len(object))
	for _, key := range keys {
		f, ok := known[key]
		if !ok {
			errs = append(errs, FieldError{Field: key, Message: "unknown field"})
			continue
		}
		value, message := checkValue(f, object[key])
		if message != "" {
			errs = append(errs, FieldError{Field: key, Message: message})
			continue
		}
		values[key] = value
	}
	for _, f := range fields {
		if _, ok := object[f.Key]; !ok && f.Required {
			errs = append(errs, FieldError{Field: f.Key, Message: "field required"})
		}
	}
	if len(errs) > 0 {
		return nil, invalid(errs...)
	}
	return values, nil
}

// checkValue validates one JSON value; it answers the storable value or a message.
func checkValue(f Field, raw any) (any, string) {
	if raw == nil {
		if f.Nullable || f.Type == TJSON {
			return nil, ""
		}
		return nil, "must not be null"
	}
	switch f.Type {
	case TIDs:
		return checkIDs(raw)
	case TJSON:
		encoded, err := json.Marshal(raw)
		if err != nil {
			return nil, "must be JSON"
		}
		return string(encoded), ""
	case TInt, TBigint, TID:
		number, ok := raw.(json.Number)
		if !ok {
			return nil, "must be an integer"
		}
		return checkInt(f, number.String())
	case TFloat:
		number, ok := raw.(json.Number)
		if !ok {
			return nil, "must be a number"
		}
		return checkFloat(f, number.String())
	case TBool:
		flag, ok := raw.(bool)
		if !ok {
			return nil, "must be a boolean"
		}
		return flag, ""
	default:
		text, ok := raw.(string)
		if !ok {
			return nil, "must be a string"
		}
		return checkText(f, text)
	}
}

func checkIDs(raw any) (any, string) {
	items, ok := raw.([]any)
	if !ok {
		return nil, "must be an array of ids"
	}
	seen := make(map[int64]bool, len(items))
	ids := make([]int64, 0, len(items))
	for _, item := range items {
		number, ok := item.(json.Number)
		if !ok {
			return nil, "must be an array of ids"
		}
		value, message := checkInt(Field{Type: TID}, number.String())
		if message != "" {
			return nil, message
		}
		id, _ := value.(int64)
		if seen[id] {
			return nil, "must not repeat an id"
		}
		seen[id] = true
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, ""
}

func checkInt(f Field, text string) (any, string) {
	value, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		parsed, ferr := strconv.ParseFloat(text, 64)
		if ferr != nil || parsed != math.Trunc(parsed) || math.Abs(parsed) > 1<<53 {
			return nil, "must be an integer"
		}
		value = int64(parsed)
	}
	number := float64(value)
	if f.Type == TInt && (number < int32Min || number > int32Max) {
		return nil, "must fit in 32 bits"
	}
	if f.Type == TID && value < 1 {
		return nil, "must be a positive id"
	}
	if message := checkRange(f, number); message != "" {
		return nil, message
	}
	return value, ""
}

func checkFloat(f Field, text string) (any, string) {
	value, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(value, 0) {
		return nil, "must be a number"
	}
	if message := checkRange(f, value); message != "" {
		return nil, message
	}
	return value, ""
}

func checkRange(f Field, value float64) string {
	if f.Min != nil && value < *f.Min {
		return "must be at least " + strconv.FormatFloat(*f.Min, 'f', -1, 64)
	}
	if f.Max != nil && value > *f.Max {
		return "must be at most " + strconv.FormatFloat(*f.Max, 'f', -1, 64)
	}
	return ""
}

func checkText(f Field, text string) (any, string) {
	if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
		return nil, "must be text without NUL characters"
	}
	length := utf8.RuneCountInString(text)
	if f.MinLength > 0 && length < f.MinLength {
		return nil, "must have at least " + strconv.Itoa(f.MinLength) + " characters"
	}
	if f.MaxLength > 0 && length > f.MaxLength {
		return nil, "must have at most " + strconv.Itoa(f.MaxLength) + " characters"
	}
	if f.Pattern != nil && !f.Pattern.MatchString(text) {
		return nil, "must match " + f.Pattern.String()
	}
	if len(f.Choices) > 0 && !has(f.Choices, text) {
		return nil, "must be one of " + strings.Join(f.Choices, ", ")
	}
	switch f.Type {
	case TEmail:
		if !emailPattern.MatchString(text) {
			return nil, "must be an email address"
		}
	case TURL:
		parsed, err := url.Parse(text)
		if err != nil || parsed.Scheme == "" || strings.ContainsAny(text, " \t\n") {
			return nil, "must be a URL"
		}
	case TUUID:
		if !uuidPattern.MatchString(text) {
			return nil, "must be a UUID"
		}
		return strings.ToLower(text), ""
	case TDecimal:
		value, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, "must be a decimal number"
		}
		if message := checkRange(f, value); message != "" {
			return nil, message
		}
	case TDate:
		day, err := time.Parse(time.DateOnly, text)
		if err != nil || day.Year() < 1 {
			return nil, "must be a date (YYYY-MM-DD)"
		}
		return day.Format(time.DateOnly), ""
	case TDateTime:
		moment, ok := parseDateTime(text)
		if !ok {
			return nil, "must be a date-time (RFC 3339)"
		}
		return moment, ""
	case TTime:
		clock, ok := parseClock(text)
		if !ok {
			return nil, "must be a time (HH:MM:SS)"
		}
		return clock, ""
	}
	return text, ""
}

// parseDateTime reads an RFC 3339 date-time (a missing offset means UTC).
func parseDateTime(text string) (time.Time, bool) {
	upper := strings.ToUpper(text)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00"} {
		if moment, err := time.Parse(layout, upper); err == nil && inYears(moment.UTC()) {
			return moment.UTC(), true
		}
	}
	return time.Time{}, false
}

func inYears(moment time.Time) bool { return moment.Year() >= 1 && moment.Year() <= 9999 }

// parseClock reads a time of day; the offset, if any, is dropped.
func parseClock(text string) (string, bool) {
	parts := timePattern.FindStringSubmatch(text)
	if parts == nil {
		return "", false
	}
	seconds := parts[4]
	if seconds == "" {
		seconds = "00"
	}
	return parts[1] + ":" + parts[2] + ":" + seconds + parts[5], true
}

// parseParam checks one query parameter value (text) against its field.
func parseParam(f Field, text string) (any, string) {
	switch f.Type {
	case TInt, TBigint, TID:
		return checkInt(f, text)
	case TFloat:
		return checkFloat(f, text)
	case TBool:
		switch text {
		case "true":
			return true, ""
		case "false":
			return false, ""
		}
		return nil, "must be true or false"
	default:
		return checkText(f, text)
	}
}
