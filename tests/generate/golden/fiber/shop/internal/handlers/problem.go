package handlers

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v3"
)

// FieldError names the body key or parameter at fault.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problem is the body of every error response.
type Problem struct {
	Detail string       `json:"detail"`
	Errors []FieldError `json:"errors"`
}

// APIError is an error that answers with a status code and a Problem body.
type APIError struct {
	Status  int
	Detail  string
	Errors  []FieldError
	Headers map[string]string
}

func (e *APIError) Error() string { return strconv.Itoa(e.Status) + " " + e.Detail }

// Fail builds an APIError.
func Fail(status int, detail string, errs ...FieldError) *APIError {
	return &APIError{Status: status, Detail: detail, Errors: errs}
}

func notFound() *APIError { return Fail(fiber.StatusNotFound, "Not found.") }

func invalid(errs ...FieldError) *APIError {
	return Fail(fiber.StatusUnprocessableEntity, "The request is invalid.", errs...)
}

func conflict(detail string) *APIError { return Fail(fiber.StatusConflict, detail) }

func unauthorized(detail string) *APIError {
	return &APIError{
		Status:  fiber.StatusUnauthorized,
		Detail:  detail,
		Headers: map[string]string{"WWW-Authenticate": "Bearer"},
	}
}

// ErrorHandler answers every error with a Problem body.
func ErrorHandler(c fiber.Ctx, err error) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		var fiberErr *fiber.Error
		if errors.As(err, &fiberErr) {
			apiErr = Fail(fiberErr.Code, fiberErr.Message)
		} else {
			slog.Error("unhandled error", "path", c.Path(), "method", c.Method(), "error", err.Error())
			apiErr = Fail(fiber.StatusInternalServerError, "Internal server error.")
		}
	}
	for key, value := range apiErr.Headers {
		c.Set(key, value)
	}
	errs := apiErr.Errors
	if errs == nil {
		errs = []FieldError{}
	}
	return c.Status(apiErr.Status).JSON(Problem{Detail: apiErr.Detail, Errors: errs})
}
