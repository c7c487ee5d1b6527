package handlers

import (
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
)

// List answers a page of the rows the caller may see.
func (h *Handler) List(res *Resource, op Op) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, false)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		params, err := readListParams(c, res)
		if err != nil {
			return err
		}
		body, err := listRows(h.DB, res, scope, params)
		if err != nil {
			return err
		}
		return c.JSON(body)
	}
}

// Create adds a row from the request body.
func (h *Handler) Create(res *Resource, op Op) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, true)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		key, err := idempotencyKey(c, op, scope)
		if err != nil {
			return err
		}
		if done, err := h.replayed(c, key); done {
			return err
		}
		object, err := decodeObject(c.Body())
		if err != nil {
			return err
		}
		values, err := validateBody(object, res.Create)
		if err != nil {
			return err
		}
		if err := checkWrites(res, res.Create, values, nil, scope); err != nil {
			return err
		}
		cols, sets := columns(res.Create, values)
		now := time.Now().UTC()
		for _, f := range res.Read {
			if _, given := values[f.Key]; given || f.Column == "" || f.Join != nil {
				continue
			}
			if value, ok := serverValue(f, now); ok {
				cols[f.Column] = value
			}
		}
		delete(cols, "id")
		if res.Owner != "" && scope.Caller != nil {
			cols[res.Owner] = scope.Caller.ID
		}
		if err := h.placeInTenant(res, cols, scope); err != nil {
			return err
		}
		if err := sameTenant(h.DB, res, cols, values); err != nil {
			return err
		}
		if res.Versioned {
			cols["version"] = 1
		}
		if res.SoftDelete {
			delete(cols, "deleted_at")
		}
		var body map[string]any
		err = h.DB.Transaction(func(tx *gorm.DB) error {
			id, err := insert(tx, res.Table, cols)
			if err != nil {
				return err
			}
			for join, ids := range sets {
				if err := replaceSet(tx, join, id, ids); err != nil {
					return err
				}
			}
			row, err := loadRow(tx, res, Scope{}, id)
			if err != nil {
				return err
			}
			body, err = serialize(tx, res, row, scope)
			return err
		})
		if err != nil {
			return err
		}
		return h.answer(c, key, fiber.StatusCreated, body)
	}
}

// Read answers one row.
func (h *Handler) Read(res *Resource, op Op) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, false)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		id, err := parseID(c.Params("id"))
		if err != nil {
			return err
		}
		row, err := loadRow(h.DB, res, scope, id)
		if err != nil {
			return err
		}
		body, err := serialize(h.DB, res, row, scope)
		if err != nil {
			return err
		}
		return c.JSON(body)
	}
}

// Update changes the fields the body gives (a stale version answers 409).
func (h *Handler) Update(res *Resource, op Op) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, false)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		id, err := parseID(c.Params("id"))
		if err != nil {
			return err
		}
		current, err := loadRow(h.DB, res, scope, id)
		if err != nil {
			return err
		}
		object, err := decodeObject(c.Body())
		if err != nil {
			return err
		}
		values, err := validateBody(object, res.Update)
		if err != nil {
			return err
		}
		if err := checkWrites(res, res.Update, values, current, scope); err != nil {
			return err
		}
		if err := sameTenant(h.DB, res, current, values); err != nil {
			return err
		}
		cols, sets := columns(res.Update, values)
		if res.Timestamps {
			cols["updated_at"] = time.Now().UTC()
		}
		var body map[string]any
		err = h.DB.Transaction(func(tx *gorm.DB) error {
			query := tx.Table(res.Table).Where(quote("id")+" = ?", id)
			if res.Versioned {
				query = query.Where(quote("version")+" = ?", values["version"])
				cols["version"] = gorm.Expr(quote("version") + " + 1")
			}
			if len(cols) > 0 {
				result := query.Updates(cols)
				if result.Error != nil {
					return storeError(result.Error)
				}
				if result.RowsAffected == 0 {
					return conflict("The row changed since you read it.")
				}
			}
			for join, ids := range sets {
				if err := replaceSet(tx, join, id, ids); err != nil {
					return err
				}
			}
			row, err := loadRow(tx, res, Scope{}, id)
			if err != nil {
				return err
			}
			body, err = serialize(tx, res, row, scope)
			return err
		})
		if err != nil {
			return err
		}
		return c.JSON(body)
	}
}

// Delete removes a row (soft delete when the resource keeps deleted rows).
func (h *Handler) Delete(res *Resource, op Op) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, false)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		id, err := parseID(c.Params("id"))
		if err != nil {
			return err
		}
		if _, err := loadRow(h.DB, res, scope, id); err != nil {
			return err
		}
		var result *gorm.DB
		if res.SoftDelete {
			result = h.DB.Table(res.Table).Where(quote("id")+" = ?", id).
				Update("deleted_at", time.Now().UTC())
		} else {
			result = h.DB.Exec("DELETE FROM "+quote(res.Table)+" WHERE "+quote("id")+" = ?", id)
		}
		if err := storeError(result.Error); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}

// ItemAction runs a custom action on one row and answers the row.
func (h *Handler) ItemAction(res *Resource, op Op, action ActionFunc) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, false)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		key, err := idempotencyKey(c, op, scope)
		if err != nil {
			return err
		}
		if done, err := h.replayed(c, key); done {
			return err
		}
		id, err := parseID(c.Params("id"))
		if err != nil {
			return err
		}
		var body map[string]any
		err = h.DB.Transaction(func(tx *gorm.DB) error {
			row, err := loadRow(tx, res, scope, id)
			if err != nil {
				return err
			}
			if err := action(c, tx, row); err != nil {
				return err
			}
			row, err = loadRow(tx, res, Scope{}, id)
			if err != nil {
				return err
			}
			body, err = serialize(tx, res, row, scope)
			return err
		})
		if err != nil {
			return err
		}
		return h.answer(c, key, fiber.StatusOK, body)
	}
}

// CollectionAction runs a custom action on the collection.
func (h *Handler) CollectionAction(res *Resource, op Op, action ActionFunc) fiber.Handler {
	return func(c fiber.Ctx) error {
		scope, err := h.authorize(c, res, op, true)
		if err != nil {
			return err
		}
		if err := h.limit(c, op, scope); err != nil {
			return err
		}
		key, err := idempotencyKey(c, op, scope)
		if err != nil {
			return err
		}
		if done, err := h.replayed(c, key); done {
			return err
		}
		err = h.DB.Transaction(func(tx *gorm.DB) error { return action(c, tx, nil) })
		if err != nil {
			return err
		}
		return h.answer(c, key, fiber.StatusOK, map[string]any{"detail": "Done."})
	}
}
