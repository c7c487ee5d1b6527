/** Rows for tests, inserted directly (required parents are created too). */
import type { Row } from "../src/db/database.js";
import * as crud from "../src/http/crud.js";
import { def as categoriesDef } from "../src/resources/categories.js";
import { def as tagsDef } from "../src/resources/tags.js";
import { def as productsDef } from "../src/resources/products.js";
import { def as cartsDef } from "../src/resources/carts.js";
import { def as cartItemsDef } from "../src/resources/cart_items.js";
import { def as ordersDef } from "../src/resources/orders.js";
import { def as orderItemsDef } from "../src/resources/order_items.js";
import { def as paymentsDef } from "../src/resources/payments.js";
import { def as reviewsDef } from "../src/resources/reviews.js";
import { userDef } from "../src/routes/auth.js";
import { pick, signIn, type Caller, type TestApp } from "./helpers.js";

export async function makeUser(t: TestApp, owner?: Caller): Promise<Row> {
  const caller = owner ?? (await signIn(t, null));
  const row = await t.database.db.selectFrom("users").selectAll().where("id", "=", caller.id).executeTakeFirstOrThrow();
  return crud.serializeOne(t.ctx, { ...userDef, readRoles: {} }, row as Row, null);
}

export async function makeCategory(t: TestApp, values: Row = {}): Promise<Row> {
  const n = t.next();
  const row = await crud.create(t.ctx, categoriesDef, null, {
    name: pick(["name-1", "name-2", "name-3", "name-4", "name-5", "name-6", "name-7", "name-8", "name-9", "name-10"], n),
    slug: `slug-${n}`,
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...categoriesDef, readRoles: {} }, row, null);
}

export async function makeTag(t: TestApp, values: Row = {}): Promise<Row> {
  const n = t.next();
  const row = await crud.create(t.ctx, tagsDef, null, {
    label: `label-${n}`,
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...tagsDef, readRoles: {} }, row, null);
}

export async function makeProduct(t: TestApp, values: Row = {}): Promise<Row> {
  const n = t.next();
  const row = await crud.create(t.ctx, productsDef, null, {
    name: pick(["name-1", "name-2", "name-3", "name-4", "name-5", "name-6", "name-7", "name-8", "name-9", "name-10"], n),
    sku: `SAMPLE-${String(n).padStart(4, "0")}`,
    price: pick(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], n),
    category_id: (await makeCategory(t)).id,
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...productsDef, readRoles: {} }, row, null);
}

export async function makeCart(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, cartsDef, { id: user.id, role: user.role, is_active: true }, {
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...cartsDef, readRoles: {} }, row, null);
}

export async function makeCartItem(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, cartItemsDef, { id: user.id, role: user.role, is_active: true }, {
    cart_id: (await makeCart(t)).id,
    product_id: (await makeProduct(t)).id,
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...cartItemsDef, readRoles: {} }, row, null);
}

export async function makeOrder(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const n = t.next();
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, ordersDef, { id: user.id, role: user.role, is_active: true }, {
    ship_to_name: pick(["shiptona-1", "shiptona-2", "shiptona-3", "shiptona-4", "shiptona-5", "shiptona-6", "shiptona-7", "shiptona-8", "shiptona-9", "shiptona-10"], n),
    ship_to_address: pick(["shiptoad-1", "shiptoad-2", "shiptoad-3", "shiptoad-4", "shiptoad-5", "shiptoad-6", "shiptoad-7", "shiptoad-8", "shiptoad-9", "shiptoad-10"], n),
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...ordersDef, readRoles: {} }, row, null);
}

export async function makeOrderItem(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const n = t.next();
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, orderItemsDef, { id: user.id, role: user.role, is_active: true }, {
    parent_order_id: (await makeOrder(t)).id,
    product_id: (await makeProduct(t)).id,
    quantity: pick([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], n),
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...orderItemsDef, readRoles: {} }, row, null);
}

export async function makePayment(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const n = t.next();
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, paymentsDef, { id: user.id, role: user.role, is_active: true }, {
    paid_order_id: (await makeOrder(t)).id,
    amount: pick(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], n),
    currency: pick(["usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"], n),
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...paymentsDef, readRoles: {} }, row, null);
}

export async function makeReview(t: TestApp, owner?: Caller, values: Row = {}): Promise<Row> {
  const n = t.next();
  const user = owner ?? (await signIn(t, "customer"));
  const row = await crud.create(t.ctx, reviewsDef, { id: user.id, role: user.role, is_active: true }, {
    product_id: (await makeProduct(t)).id,
    rating: pick([2, 3, 4, 5, 1, 2, 3, 4, 5, 1], n),
    ...values,
  });
  return crud.serializeOne(t.ctx, { ...reviewsDef, readRoles: {} }, row, null);
}
